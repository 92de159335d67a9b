package coop.app;

import coop.domain.AggregateType;
import coop.domain.Compensation;
import coop.domain.RuleViolation;
import coop.store.AppendResult;
import coop.store.EventIdConflict;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reverts a correlation: every event of it that its aggregate type can compensate gets its compensating event,
 * appended under a new correlation with the original event as its cause. The mistaken events stay in the history.
 *
 * <p>Idempotent: the compensating event ids and the new correlation id are derived from the originals, so a
 * second revert of the same correlation finds the compensations already stored, appends nothing and reports them
 * as {@code reverted} again, with the same ids and versions.
 */
public final class Reverts {

    private final RevertDecider decider;
    private final EventStore store;
    private final EventService events;

    public Reverts(AggregateTypes types, EventStore store, EventCodec codec, EventService events) {
        this.decider = new RevertDecider(types, store, codec);
        this.store = store;
        this.events = events;
    }

    /**
     * Reverts every event of {@code correlationId} in the tenant, in time order; empty when the tenant has no event
     * of that correlation.
     *
     * @param userId who reverts: recorded on the compensating events
     */
    public Optional<RevertResult> revert(String tenantId, String correlationId, String reason, String userId) {
        Appending appending = new Appending(RevertDecider.revertCorrelationId(tenantId, correlationId), userId);
        return decider.decide(tenantId, correlationId, reason, appending).map(newCorrelation ->
                new RevertResult(newCorrelation, appending.reverted, appending.skipped, appending.appended));
    }

    /** The revert's ending: each compensation appended through the event service's one retry loop. */
    private final class Appending implements RevertDecider.Ending {

        private final String newCorrelation;
        private final String userId;
        private final List<RevertResult.Reverted> reverted = new ArrayList<>();
        private final List<RevertResult.Skipped> skipped = new ArrayList<>();
        private boolean appended;

        Appending(String newCorrelation, String userId) {
            this.newCorrelation = newCorrelation;
            this.userId = userId;
        }

        @Override
        public void already(RecordedEvent original, String compensatingId, long version) {
            reverted.add(new RevertResult.Reverted(original.eventId(), compensatingId, original.aggregateId(),
                    version));
        }

        @Override
        public void skipped(RecordedEvent original, String reason) {
            skipped.add(new RevertResult.Skipped(original.eventId(), reason));
        }

        @Override
        public <S, E> void compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                                      RevertDecider.Decision<S> decide) {
            Outcome outcome = Reverts.this.compensate(type, original, compensatingId, decide, userId, newCorrelation);
            outcome.reverted().ifPresent(reverted::add);
            outcome.skipped().ifPresent(skipped::add);
            appended |= outcome.appended();
        }
    }

    private record Outcome(Optional<RevertResult.Reverted> reverted, Optional<RevertResult.Skipped> skipped,
                           boolean appended) {
    }

    /**
     * Appends the compensation through the event service's one retry loop: decided again on the latest state after
     * a lost race; a twin revert that got there first is recognised by the compensating id.
     */
    private <S, E> Outcome compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                                      RevertDecider.Decision<S> decide, String userId, String newCorrelation) {
        StreamId stream = original.stream();
        AtomicReference<String> skipped = new AtomicReference<>();
        Optional<AppendResult> result;
        try {
            result = events.appendDecided(type, stream, userId, Optional.of(newCorrelation),
                    Optional.of(original.eventId()), state -> switch (decide.on(state)) {
                        case Compensation.Skip<ProposedEvent> skip -> {
                            skipped.set(skip.reason());
                            yield Optional.empty();
                        }
                        case Compensation.Append<ProposedEvent> append -> Optional.of(List.of(append.event()));
                    });
        } catch (RuleViolation violation) {
            skipped.set(violation.getMessage());
            result = Optional.empty();
        } catch (EventIdConflict conflict) {
            // A twin revert stored this compensation with another reason: it is compensated all the same.
            Optional<RecordedEvent> stored = conflict.eventId().equals(compensatingId)
                    ? store.findEvent(stream.tenantId(), compensatingId) : Optional.empty();
            if (stored.isEmpty()) {
                throw conflict;
            }
            return earlier(original, stored.get(), newCorrelation);
        }
        if (result.isPresent()) {
            return reverted(original, compensatingId, result.get().lastVersion(), !result.get().duplicate());
        }
        // Skipped on the latest state: because a twin revert just compensated it, or for the decision's reason.
        Optional<RecordedEvent> twin = store.findEvent(stream.tenantId(), compensatingId);
        if (twin.isPresent()) {
            return reverted(original, compensatingId, twin.get().aggregateVersion(), false);
        }
        return new Outcome(Optional.empty(), Optional.of(new RevertResult.Skipped(original.eventId(), skipped.get())),
                false);
    }

    /** What an event already stored under the compensating id means for this revert (see {@link #takenBy}). */
    private static Outcome earlier(RecordedEvent original, RecordedEvent stored, String revertCorrelation) {
        return RevertDecider.takenBy(original, stored, revertCorrelation)
                .map(reason -> new Outcome(Optional.empty(),
                        Optional.of(new RevertResult.Skipped(original.eventId(), reason)), false))
                .orElseGet(() -> reverted(original, stored.eventId(), stored.aggregateVersion(), false));
    }

    private static Outcome reverted(RecordedEvent original, String compensatingId, long version, boolean appended) {
        return new Outcome(Optional.of(new RevertResult.Reverted(original.eventId(), compensatingId,
                original.aggregateId(), version)), Optional.empty(), appended);
    }
}
