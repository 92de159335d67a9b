package coop.store.dynamodb;

import coop.keys.FieldCipher;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The keys the backfill seals clear values under. A family without one gets it through the normal path (KMS, then its
 * item on {@code attribute_not_exists}); the item is written alone, before anything is sealed under it, so a backfill
 * that dies in between leaves a key that the next run finds. For an erased family: a key that is never stored, so
 * what it seals reads as erased, as the family's other values do.
 */
final class BackfillKeys {

    private final StreamKeys keys;

    BackfillKeys(PersonalData personal) {
        this.keys = personal.keys();
    }

    /** The aggregate's key, made and stored first when it has none. */
    byte[] keyToSeal(StreamId stream) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<byte[]> existing = existingKey(stream);
            if (existing.isPresent()) {
                return existing.get();
            }
            StreamKeys.NewKey created = keys.create(stream);
            if (keys.storeAlone(stream, created)) {
                return created.plaintext();
            }
        }
        throw new IllegalStateException("the key item of " + stream + " was taken twice and is still unreadable");
    }

    /**
     * The version of the aggregate's erasure, if it was erased: what its snapshots and rows of that version or later
     * hold was written after the erasure, with the personal values null, and stays as it is.
     */
    OptionalLong erasedAt(StreamId stream) {
        return KeyItems.erasure(keys.item(stream)).map(erasure -> OptionalLong.of(erasure.aggregateVersion()))
                .orElse(OptionalLong.empty());
    }

    /** The aggregate's key, a never-stored one when it was erased, or empty when it has neither. */
    Optional<byte[]> existingKey(StreamId stream) {
        Map<String, AttributeValue> item = keys.item(stream);
        if (item != null && KeyItems.erasure(item).isPresent()) {
            return Optional.of(FieldCipher.throwawayKey());
        }
        return keys.find(stream);
    }
}
