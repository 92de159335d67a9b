package coop.store.dynamodb;

import coop.store.Erasure;
import coop.store.StreamId;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of the keys table: one item per aggregate, keyed like its stream, holding its data key wrapped by the
 * KMS key. The item is written in the same transaction as the aggregate's first event that carries personal data,
 * and replaced, in the erasure's transaction, by a record of the erasure that holds no key.
 */
final class KeyItems {

    static final String STREAM_ID = EventItems.STREAM_ID;
    static final String WRAPPED_KEY = "wrapped_key";
    static final String CREATED_AT = "created_at";
    static final String ERASURE_EVENT_ID = "erasure_event_id";
    static final String ERASURE_VERSION = "erasure_version";
    static final String ERASED_AT = "erased_at";

    private KeyItems() {
    }

    static Map<String, AttributeValue> key(StreamId stream) {
        return Map.of(STREAM_ID, EventItems.s(EventItems.streamKey(stream)));
    }

    static Map<String, AttributeValue> toItem(StreamId stream, byte[] wrapped, Instant createdAt) {
        return Map.of(
                STREAM_ID, EventItems.s(EventItems.streamKey(stream)),
                WRAPPED_KEY, AttributeValue.fromB(SdkBytes.fromByteArray(wrapped)),
                CREATED_AT, EventItems.s(Timestamps.format(createdAt)));
    }

    /** What replaces an aggregate's key when its personal data is erased: no key, only where it was erased. */
    static Map<String, AttributeValue> erasedItem(StreamId stream, String eventId, long version, Instant erasedAt) {
        return Map.of(
                STREAM_ID, EventItems.s(EventItems.streamKey(stream)),
                ERASURE_EVENT_ID, EventItems.s(eventId),
                ERASURE_VERSION, EventItems.n(version),
                ERASED_AT, EventItems.s(Timestamps.format(erasedAt)));
    }

    static Optional<Erasure> erasure(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(ERASURE_EVENT_ID)) {
            return Optional.empty();
        }
        return Optional.of(new Erasure(item.get(ERASURE_EVENT_ID).s(), Long.parseLong(item.get(ERASURE_VERSION).n()),
                Timestamps.parse(item.get(ERASED_AT).s())));
    }

    /** The wrapped key of an item, or null when the item holds none. */
    static byte[] wrapped(Map<String, AttributeValue> item) {
        AttributeValue wrapped = item.get(WRAPPED_KEY);
        return wrapped == null || wrapped.b() == null ? null : wrapped.b().asByteArray();
    }
}
