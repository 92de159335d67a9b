package coop.store.dynamodb;

import coop.store.StreamId;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * The layout of the keys table: one item per aggregate, keyed like its stream, holding its data key wrapped by the
 * KMS key. The item is written in the same transaction as the aggregate's first event that carries personal data.
 */
final class KeyItems {

    static final String STREAM_ID = EventItems.STREAM_ID;
    static final String WRAPPED_KEY = "wrapped_key";
    static final String CREATED_AT = "created_at";

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

    /** The wrapped key of an item, or null when the item holds none. */
    static byte[] wrapped(Map<String, AttributeValue> item) {
        AttributeValue wrapped = item.get(WRAPPED_KEY);
        return wrapped == null || wrapped.b() == null ? null : wrapped.b().asByteArray();
    }
}
