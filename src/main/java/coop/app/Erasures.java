package coop.app;

import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PersonalDataErased;
import coop.store.ConcurrencyConflict;
import coop.store.Erasure;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.StreamHead;
import coop.store.RetryBackoff;
import coop.store.StreamId;

import java.util.Optional;
import java.util.UUID;

/**
 * Forgets a family's personal data: one transaction appends {@link PersonalDataErased} (who and why, nothing
 * personal) and deletes the family's data key, so every personal value of its history, in every table, backup and
 * stream image, reads as null from then on. Asking again answers the first erasure and stores nothing; erasures
 * racing each other store one event (the losers re-read and find it).
 */
public final class Erasures {

    private final EventStore store;
    private final AggregateRepository aggregates;
    private final EventCodec codec;

    public Erasures(EventStore store, AggregateRepository aggregates, EventCodec codec) {
        this.store = store;
        this.aggregates = aggregates;
        this.codec = codec;
    }

    /**
     * @return the erasure; empty when the family has no event in this tenant
     * @throws ConcurrencyConflict when other appends keep winning the race, {@value EventService#ANY_ATTEMPTS} times
     */
    public Optional<ErasureResult> erase(String tenantId, String familyId, String reason, String userId) {
        StreamId stream = new StreamId(tenantId, Family.NAME, familyId);
        EventMetadata metadata = new EventMetadata(userId, UUID.randomUUID().toString(), Optional.empty());
        for (int attempt = 1; ; attempt++) {
            Optional<Loaded<FamilyState>> family = aggregates.load(Family.INSTANCE, stream, LoadTarget.latest());
            if (family.isEmpty()) {
                return Optional.empty();
            }
            // The load remembered the family's state, personal values in clear, for a next append: not after this.
            aggregates.warm().forget(stream);
            if (family.get().state().personalDataErased()) {
                return Optional.of(answer(stream, store.findErasure(stream).orElseThrow(() ->
                        new IllegalStateException(stream + " is erased but its key item does not say where"))));
            }
            try {
                store.appendErasure(stream, new StreamHead(family.get().version(), family.get().chainHash()),
                        codec.encode(Family.INSTANCE, new PersonalDataErased(reason)), metadata);
                return Optional.of(answer(stream, store.findErasure(stream).orElseThrow()));
            } catch (ConcurrencyConflict lostRace) {
                if (attempt >= EventService.ANY_ATTEMPTS) {
                    throw lostRace;
                }
                RetryBackoff.pause(attempt);
            }
        }
    }

    private static ErasureResult answer(StreamId stream, Erasure erasure) {
        return new ErasureResult(stream.aggregateId(), erasure.aggregateVersion(), erasure.eventId(),
                erasure.erasedAt());
    }
}
