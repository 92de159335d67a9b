package coop.store.dynamodb;

import coop.keys.DataKey;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The data keys of aggregates: from the cache, else one consistent {@code GetItem} of the keys table and one KMS
 * {@code Decrypt}. A new key is only handed out with the item that stores it; it is cached once that item is written.
 */
final class StreamKeys {

    private final DynamoDbClient dynamo;
    private final String table;
    private final KmsDataKeys kms;
    private final KeyCache cache;
    private final Clock clock;

    StreamKeys(DynamoDbClient dynamo, String table, KmsDataKeys kms, KeyCache cache, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.kms = kms;
        this.cache = cache;
        this.clock = clock;
    }

    /** The aggregate's plain data key; empty when it has none (never had personal data, or it was erased). */
    Optional<byte[]> find(StreamId stream) {
        String streamKey = EventItems.streamKey(stream);
        byte[] cached = cache.get(streamKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Map<String, AttributeValue> item = item(stream);
        byte[] wrapped = item == null ? null : KeyItems.wrapped(item);
        if (wrapped == null) {
            return Optional.empty();
        }
        byte[] key = kms.unwrap(streamKey, wrapped);
        cache.put(streamKey, key);
        return Optional.of(key);
    }

    /** The aggregate's key item as stored: its wrapped key, or the record of its erasure; null when there is none. */
    Map<String, AttributeValue> item(StreamId stream) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(KeyItems.key(stream)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** A fresh key and the item that stores it, to be written with the events it encrypts. */
    NewKey create(StreamId stream) {
        DataKey key = kms.generate(EventItems.streamKey(stream));
        return new NewKey(key.plaintext(), KeyItems.toItem(stream, key.wrapped(), clock.instant()));
    }

    /**
     * Writes a new key's item on its own, unless the aggregate already has a key item (a key, or the record of its
     * erasure); caches the key once written.
     *
     * @return whether it was written
     */
    boolean storeAlone(StreamId stream, NewKey key) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(key.item())
                    .conditionExpression("attribute_not_exists(#stream)")
                    .expressionAttributeNames(Map.of("#stream", KeyItems.STREAM_ID)));
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
        remember(stream, key.plaintext());
        return true;
    }

    String table() {
        return table;
    }

    /** Caches a key whose item has just been written. */
    void remember(StreamId stream, byte[] key) {
        cache.put(EventItems.streamKey(stream), key);
    }

    void forget(StreamId stream) {
        cache.forget(EventItems.streamKey(stream));
    }

    record NewKey(byte[] plaintext, Map<String, AttributeValue> item) {
    }
}
