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
 * The dry run of {@link Reverts}: the same decisions on the same states, in the same order, with the same derived
 * ids, but every compensation is folded into an in-memory state instead of appended. Only reads the store.
 */
public final class RevertPreviews {

    private final AggregateTypes types;
    private final EventStore store;
    private final AggregateRepository repository;
    private final EventCodec codec;

    public RevertPreviews(AggregateTypes types, EventStore store, AggregateRepository repository, EventCodec codec) {
        this.types = types;
        this.store = store;
        this.repository = repository;
        this.codec = codec;
    }

    /** What {@link Reverts#revert} would do now; empty when the tenant has no event of that correlation. */
    public Optional<RevertPreview> preview(String tenantId, String correlationId, String reason) {
        List<RecordedEvent> originals = store.findByCorrelation(tenantId, correlationId);
        if (originals.isEmpty()) {
            return Optional.empty();
        }
        String revertCorrelation = Reverts.revertCorrelationId(tenantId, correlationId);
        // A correlation may touch one aggregate several times: each decision sees the compensations before it.
        Map<StreamId, Loaded<?>> planned = new HashMap<>();
        List<RevertPreview.WouldAppend> wouldAppend = new ArrayList<>();
        List<RevertResult.Reverted> already = new ArrayList<>();
        List<RevertResult.Skipped> skipped = new ArrayList<>();
        for (RecordedEvent original : originals) {
            Optional<AggregateType<?, ?>> type = types.find(original.aggregateType());
            if (type.isEmpty()) {
                skipped.add(new RevertResult.Skipped(original.eventId(),
                        "the aggregate type " + original.aggregateType() + " is not served here"));
                continue;
            }
            String compensatingId = Reverts.compensatingEventId(tenantId, original.eventId());
            Optional<RecordedEvent> earlier = store.findEvent(tenantId, compensatingId);
            if (earlier.isPresent()) {
                Optional<String> taken = Reverts.takenBy(original, earlier.get(), revertCorrelation);
                if (taken.isPresent()) {
                    skipped.add(new RevertResult.Skipped(original.eventId(), taken.get()));
                } else {
                    already.add(new RevertResult.Reverted(original.eventId(), compensatingId, original.aggregateId(),
                            earlier.get().aggregateVersion()));
                }
                continue;
            }
            Optional<RecordedEvent> legacy = Reverts.legacyCompensation(store, tenantId, correlationId, original);
            if (legacy.isPresent()) {
                already.add(new RevertResult.Reverted(original.eventId(), legacy.get().eventId(),
                        original.aggregateId(), legacy.get().aggregateVersion()));
                continue;
            }
            plan(type.get(), original, compensatingId, reason, planned, wouldAppend, skipped);
        }
        return Optional.of(new RevertPreview(revertCorrelation, wouldAppend, already, skipped));
    }

    @SuppressWarnings("unchecked")
    private <S, E> void plan(AggregateType<S, E> type, RecordedEvent original, String compensatingId, String reason,
                             Map<StreamId, Loaded<?>> planned, List<RevertPreview.WouldAppend> wouldAppend,
                             List<RevertResult.Skipped> skipped) {
        StreamId stream = original.stream();
        Optional<Loaded<S>> current = planned.containsKey(stream) ? Optional.of((Loaded<S>) planned.get(stream))
                : repository.load(type, stream, LoadTarget.latest());
        long version = current.map(Loaded::version).orElse(0L);
        S state = current.map(Loaded::state).orElseGet(() -> type.initialState(stream.aggregateId()));
        Compensation<E> decision = type.compensations().compensate(state, codec.decode(type, original),
                original.eventId(), reason);
        if (decision instanceof Compensation.Skip<E> skip) {
            skipped.add(new RevertResult.Skipped(original.eventId(), skip.reason()));
            return;
        }
        E event = ((Compensation.Append<E>) decision).event();
        try {
            type.check(state, event);
        } catch (RuleViolation violation) {
            skipped.add(new RevertResult.Skipped(original.eventId(), "events[0] ("
                    + type.events().of(event).name() + "): " + violation.getMessage()));
            return;
        }
        ProposedEvent proposed = codec.propose(type, event, Optional.of(compensatingId));
        planned.put(stream, new Loaded<>(type.evolve(state, event), version + 1, original.timestamp()));
        wouldAppend.add(new RevertPreview.WouldAppend(original.eventId(), compensatingId, stream.aggregateId(),
                type.name(), version + 1, proposed.eventType(), proposed.data()));
    }
}
