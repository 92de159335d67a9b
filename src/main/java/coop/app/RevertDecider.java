package coop.app;

import coop.domain.AggregateType;
import coop.domain.Compensation;
import coop.store.EventStore;
import coop.store.RecordedEvent;

import java.util.List;
import java.util.Optional;

/**
 * The one decision of a revert, whatever it ends in: for each event of a correlation, in time order, whether it is
 * compensated already, left alone and why, or which event compensates it on its aggregate's state. {@link Reverts}
 * appends what this decides and {@link RevertPreviews} folds it in memory and reports it; both walk this path and
 * check through {@link AppendChecks}, so the dry run predicts the revert by construction.
 */
final class RevertDecider {

    /** How a decision ends: appended (the revert) or folded and reported (the dry run). */
    interface Ending {

        /** {@code original} is compensated already, by the stored event {@code compensatingId} at {@code version}. */
        void already(RecordedEvent original, String compensatingId, long version);

        /** {@code original} is left as it is, for {@code reason}. */
        void skipped(RecordedEvent original, String reason);

        /** {@code original} is to be compensated by what {@code decide} answers on its aggregate's state. */
        <S, E> void compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                               Decision<S> decide);
    }

    /** The compensation of one event, decided on a state: the event to append, or why to append nothing. */
    interface Decision<S> {
        Compensation<ProposedEvent> on(S state);
    }

    private final AggregateTypes types;
    private final EventStore store;
    private final EventCodec codec;

    RevertDecider(AggregateTypes types, EventStore store, EventCodec codec) {
        this.types = types;
        this.store = store;
        this.codec = codec;
    }

    /**
     * Decides the revert of every event of {@code correlationId} in the tenant and hands each decision to
     * {@code ending}; empty when the tenant has no event of that correlation, else the revert's correlation id.
     */
    Optional<String> decide(String tenantId, String correlationId, String reason, Ending ending) {
        List<RecordedEvent> originals = store.findByCorrelation(tenantId, correlationId);
        if (originals.isEmpty()) {
            return Optional.empty();
        }
        String revertCorrelation = revertCorrelationId(tenantId, correlationId);
        for (RecordedEvent original : originals) {
            Optional<AggregateType<?, ?>> type = types.find(original.aggregateType());
            if (type.isEmpty()) {
                ending.skipped(original, "the aggregate type " + original.aggregateType() + " is not served here");
                continue;
            }
            String compensatingId = compensatingEventId(tenantId, original.eventId());
            Optional<RecordedEvent> earlier = store.findEvent(tenantId, compensatingId);
            if (earlier.isPresent()) {
                takenBy(original, earlier.get(), revertCorrelation).ifPresentOrElse(
                        taken -> ending.skipped(original, taken),
                        () -> ending.already(original, compensatingId, earlier.get().aggregateVersion()));
                continue;
            }
            Optional<RecordedEvent> legacy = legacyCompensation(store, tenantId, correlationId, original);
            if (legacy.isPresent()) {
                ending.already(original, legacy.get().eventId(), legacy.get().aggregateVersion());
                continue;
            }
            compensate(type.get(), original, compensatingId, reason, ending);
        }
        return Optional.of(revertCorrelation);
    }

    private <S, E> void compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                                   String reason, Ending ending) {
        E originalEvent = codec.decode(type, original);
        ending.compensate(type, original, compensatingId, state -> switch (type.compensations()
                .compensate(state, originalEvent, original.eventId(), reason)) {
            case Compensation.Skip<E> skip -> new Compensation.Skip<>(skip.reason());
            case Compensation.Append<E> append ->
                    new Compensation.Append<>(codec.propose(type, append.event(), Optional.of(compensatingId)));
        });
    }

    /** The correlation id every revert of {@code correlationId} appends under. */
    static String revertCorrelationId(String tenantId, String correlationId) {
        return DerivedIds.of(tenantId + "/" + correlationId + "/revert");
    }

    /** The id of the event that compensates {@code originalEventId}, the same for every revert. */
    static String compensatingEventId(String tenantId, String originalEventId) {
        return DerivedIds.of(tenantId + "/" + originalEventId + "/revert");
    }
    /**
     * The compensation a release before derived ids were reserved stored for {@code original}, under the ids of the
     * time, if it is one. Without it, reverting such a correlation again would compensate anew, and could undo what
     * happened since (a portal locked again after the first revert restored it).
     */
    private static Optional<RecordedEvent> legacyCompensation(EventStore store, String tenantId, String correlationId,
                                                              RecordedEvent original) {
        String legacyCorrelation = DerivedIds.legacy(tenantId + "/" + correlationId + "/revert");
        return store.findEvent(tenantId, DerivedIds.legacy(tenantId + "/" + original.eventId() + "/revert"))
                .filter(stored -> takenBy(original, stored, legacyCorrelation).isEmpty());
    }

    /**
     * Why {@code stored}, found under the compensating id of {@code original}, is not its compensation; empty when
     * it is one. Clients choose their events' ids and this id can be computed, so the event under it counts only if
     * it is on the original's stream, caused by the original, under the revert's correlation. Anything else holding
     * the id blocks the revert of that event, which is reported rather than passed off as reverted.
     */
    static Optional<String> takenBy(RecordedEvent original, RecordedEvent stored, String revertCorrelation) {
        boolean compensation = stored.stream().equals(original.stream())
                && stored.causationId().equals(Optional.of(original.eventId()))
                && stored.correlationId().equals(revertCorrelation);
        return compensation ? Optional.empty() : Optional.of("its compensating event id " + stored.eventId()
                + " is taken by another event (" + stored.eventType() + " of " + stored.aggregateType() + " "
                + stored.aggregateId() + " at version " + stored.aggregateVersion() + ")");
    }
}
