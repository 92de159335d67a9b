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

    private final AggregateTypes types;
    private final EventStore store;
    private final AggregateRepository repository;
    private final EventCodec codec;
    private final EventService events;

    public Reverts(AggregateTypes types, EventStore store, AggregateRepository repository, EventCodec codec,
                   EventService events) {
        this.types = types;
        this.store = store;
        this.repository = repository;
        this.codec = codec;
        this.events = events;
    }

    /**
     * Reverts every event of {@code correlationId} in the tenant, in time order; empty when the tenant has no event
     * of that correlation.
     *
     * @param userId who reverts: recorded on the compensating events
     */
    public Optional<RevertResult> revert(String tenantId, String correlationId, String reason, String userId) {
        List<RecordedEvent> originals = store.findByCorrelation(tenantId, correlationId);
        if (originals.isEmpty()) {
            return Optional.empty();
        }
        String newCorrelation = revertCorrelationId(tenantId, correlationId);
        List<RevertResult.Reverted> reverted = new ArrayList<>();
        List<RevertResult.Skipped> skipped = new ArrayList<>();
        boolean appended = false;
        for (RecordedEvent original : originals) {
            Optional<AggregateType<?, ?>> type = types.find(original.aggregateType());
            if (type.isEmpty()) {
                skipped.add(new RevertResult.Skipped(original.eventId(),
                        "the aggregate type " + original.aggregateType() + " is not served here"));
                continue;
            }
            String compensatingId = compensatingEventId(tenantId, original.eventId());
            Optional<RecordedEvent> earlier = store.findEvent(tenantId, compensatingId);
            if (earlier.isPresent()) {
                Outcome outcome = earlier(original, earlier.get(), newCorrelation);
                outcome.reverted().ifPresent(reverted::add);
                outcome.skipped().ifPresent(skipped::add);
                continue;
            }
            Optional<RecordedEvent> legacy = legacyCompensation(store, tenantId, correlationId, original);
            if (legacy.isPresent()) {
                reverted(original, legacy.get().eventId(), legacy.get().aggregateVersion(), false).reverted()
                        .ifPresent(reverted::add);
                continue;
            }
            Outcome outcome = compensate(type.get(), original, compensatingId, reason, userId, newCorrelation);
            outcome.reverted().ifPresent(reverted::add);
            outcome.skipped().ifPresent(skipped::add);
            appended |= outcome.appended();
        }
        return Optional.of(new RevertResult(newCorrelation, reverted, skipped, appended));
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
    static Optional<RecordedEvent> legacyCompensation(EventStore store, String tenantId, String correlationId,
                                                      RecordedEvent original) {
        String legacyCorrelation = DerivedIds.legacy(tenantId + "/" + correlationId + "/revert");
        return store.findEvent(tenantId, DerivedIds.legacy(tenantId + "/" + original.eventId() + "/revert"))
                .filter(stored -> takenBy(original, stored, legacyCorrelation).isEmpty());
    }

    private record Outcome(Optional<RevertResult.Reverted> reverted, Optional<RevertResult.Skipped> skipped,
                           boolean appended) {
    }

    /**
     * Appends the compensation through the event service's one retry loop: decided again on the latest state after
     * a lost race; a twin revert that got there first is recognised by the compensating id.
     */
    private <S, E> Outcome compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                                      String reason, String userId, String newCorrelation) {
        StreamId stream = original.stream();
        E originalEvent = codec.decode(type, original);
        AtomicReference<String> skipped = new AtomicReference<>();
        Optional<AppendResult> result;
        try {
            result = events.appendDecided(type, stream, userId, Optional.of(newCorrelation),
                    Optional.of(original.eventId()), state -> {
                        Compensation<E> decision = type.compensations().compensate(state, originalEvent,
                                original.eventId(), reason);
                        if (decision instanceof Compensation.Skip<E> skip) {
                            skipped.set(skip.reason());
                            return Optional.empty();
                        }
                        E event = ((Compensation.Append<E>) decision).event();
                        return Optional.of(List.of(codec.propose(type, event, Optional.of(compensatingId))));
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
        return takenBy(original, stored, revertCorrelation)
                .map(reason -> new Outcome(Optional.empty(),
                        Optional.of(new RevertResult.Skipped(original.eventId(), reason)), false))
                .orElseGet(() -> reverted(original, stored.eventId(), stored.aggregateVersion(), false));
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

    private static Outcome reverted(RecordedEvent original, String compensatingId, long version, boolean appended) {
        return new Outcome(Optional.of(new RevertResult.Reverted(original.eventId(), compensatingId,
                original.aggregateId(), version)), Optional.empty(), appended);
    }
}
