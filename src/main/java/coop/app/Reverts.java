package coop.app;

import coop.domain.AggregateType;
import coop.domain.Compensation;
import coop.domain.RuleViolation;
import coop.store.AppendResult;
import coop.store.ConcurrencyConflict;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reverts a correlation: every event of it that its aggregate type can compensate gets its compensating event,
 * appended under a new correlation with the original event as its cause. The mistaken events stay in the history.
 *
 * <p>Idempotent: the compensating event ids and the new correlation id are derived from the originals, so a
 * second revert of the same correlation finds the compensations already stored, appends nothing and reports them
 * as {@code reverted} again, with the same ids and versions.
 */
public final class Reverts {

    /** Reloads and re-decides after losing a race with another writer of the same aggregate. */
    static final int ATTEMPTS = 3;

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
                reverted.add(new RevertResult.Reverted(original.eventId(), compensatingId, original.aggregateId(),
                        earlier.get().aggregateVersion()));
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

    private record Outcome(Optional<RevertResult.Reverted> reverted, Optional<RevertResult.Skipped> skipped,
                           boolean appended) {
    }

    private <S, E> Outcome compensate(AggregateType<S, E> type, RecordedEvent original, String compensatingId,
                                      String reason, String userId, String newCorrelation) {
        StreamId stream = original.stream();
        E originalEvent = codec.decode(type, original);
        for (int attempt = 1; ; attempt++) {
            Optional<Loaded<S>> current = repository.load(type, stream, LoadTarget.latest());
            long version = current.map(Loaded::version).orElse(0L);
            S state = current.map(Loaded::state).orElseGet(() -> type.initialState(stream.aggregateId()));
            Compensation<E> decision = type.compensations().compensate(state, originalEvent, original.eventId(), reason);
            if (decision instanceof Compensation.Skip<E> skip) {
                return new Outcome(Optional.empty(), Optional.of(new RevertResult.Skipped(original.eventId(),
                        skip.reason())), false);
            }
            E event = ((Compensation.Append<E>) decision).event();
            AppendRequest request = new AppendRequest(stream.tenantId(), type.name(), stream.aggregateId(),
                    ExpectedVersion.exactly(version), List.of(codec.propose(type, event, Optional.of(compensatingId))),
                    userId, Optional.of(newCorrelation), Optional.of(original.eventId()));
            try {
                AppendResult result = events.append(request);
                return new Outcome(Optional.of(new RevertResult.Reverted(original.eventId(), compensatingId,
                        stream.aggregateId(), result.lastVersion())), Optional.empty(), !result.duplicate());
            } catch (RuleViolation violation) {
                return new Outcome(Optional.empty(), Optional.of(new RevertResult.Skipped(original.eventId(),
                        violation.getMessage())), false);
            } catch (ConcurrencyConflict conflict) {
                // Someone changed the aggregate meanwhile: decide again on the state they left.
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

}
