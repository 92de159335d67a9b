package coop.app;

import coop.domain.AggregateType;
import coop.domain.Compensation;
import coop.domain.RuleViolation;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dry run of {@link Reverts}: the same {@link RevertDecider} on the same states, checked by the same
 * {@link AppendChecks}, but every compensation is folded into an in-memory state instead of appended. Only reads
 * the store.
 */
public final class RevertPreviews {

    private final RevertDecider decider;
    private final AggregateRepository repository;
    private final EventCodec codec;

    public RevertPreviews(AggregateTypes types, EventStore store, AggregateRepository repository, EventCodec codec) {
        this.decider = new RevertDecider(types, store, codec);
        this.repository = repository;
        this.codec = codec;
    }

    /** What {@link Reverts#revert} would do now; empty when the tenant has no event of that correlation. */
    public Optional<RevertPreview> preview(String tenantId, String correlationId, String reason) {
        Folding folding = new Folding();
        return decider.decide(tenantId, correlationId, reason, folding).map(revertCorrelation ->
                new RevertPreview(revertCorrelation, folding.wouldAppend, folding.already, folding.skipped));
    }

    /** The dry run's ending: each compensation checked and folded onto the state the ones before it left. */
    private final class Folding implements RevertDecider.Ending {

        // A correlation may touch one aggregate several times: each decision sees the compensations before it.
        private final Map<StreamId, Loaded<?>> planned = new HashMap<>();
        private final List<RevertPreview.WouldAppend> wouldAppend = new ArrayList<>();
        private final List<RevertResult.Reverted> already = new ArrayList<>();
        private final List<RevertResult.Skipped> skipped = new ArrayList<>();

        @Override
        public void already(RecordedEvent original, String compensatingId, long version) {
            already.add(new RevertResult.Reverted(original.eventId(), compensatingId, original.aggregateId(), version));
        }

        @Override
        public void skipped(RecordedEvent original, String reason) {
            skipped.add(new RevertResult.Skipped(original.eventId(), reason));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S, E> void compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                                      RevertDecider.Decision<S> decide) {
            StreamId stream = original.stream();
            Optional<Loaded<S>> current = planned.containsKey(stream) ? Optional.of((Loaded<S>) planned.get(stream))
                    : repository.load(type, stream, LoadTarget.latest());
            long version = current.map(Loaded::version).orElse(0L);
            S state = current.map(Loaded::state).orElseGet(() -> type.initialState(stream.aggregateId()));
            ProposedEvent proposed;
            switch (decide.on(state)) {
                case Compensation.Skip<ProposedEvent> skip -> {
                    skipped(original, skip.reason());
                    return;
                }
                case Compensation.Append<ProposedEvent> append -> proposed = append.event();
            }
            List<EventCodec.Checked<E>> checked = AppendChecks.schemas(codec, type, List.of(proposed));
            S after;
            try {
                after = AppendChecks.rules(codec, type, state, checked);
            } catch (RuleViolation violation) {
                skipped(original, violation.getMessage());
                return;
            }
            planned.put(stream, new Loaded<>(after, version + 1, original.timestamp()));
            wouldAppend.add(new RevertPreview.WouldAppend(original.eventId(), compensatingId, stream.aggregateId(),
                    type.name(), version + 1, proposed.eventType(), proposed.data()));
        }
    }
}
