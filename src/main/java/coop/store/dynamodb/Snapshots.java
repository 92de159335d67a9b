package coop.store.dynamodb;

import coop.store.Snapshot;
import coop.store.SnapshotTooLarge;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshot items, keyed by (stream_id, version) like the events they summarise. The state of an aggregate with a
 * data key is stored sealed under it.
 */
final class Snapshots {


    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    /** The longest a load waits for the snapshot it writes on the side; the load's answer does not depend on it. */
    private final Duration writeTimeout;
    private final PersonalData personal;

    Snapshots(DynamoDbClient dynamo, String table, Clock clock, Duration writeTimeout, PersonalData personal) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
        this.personal = personal;
    }

    Optional<Snapshot> latest(StreamId stream, long atOrBelowVersion) {
        QueryResponse response = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#s = :s AND #v <= :v")
                .expressionAttributeNames(Map.of("#s", SnapshotItems.STREAM_ID, "#v", SnapshotItems.VERSION))
                .expressionAttributeValues(Map.of(
                        ":s", EventItems.s(EventItems.streamKey(stream)),
                        ":v", EventItems.n(atOrBelowVersion)))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .build());
        // A sealed state whose key is gone (the family was erased) is of no use: the load folds the events instead.
        return response.items().stream().findFirst().map(item -> SnapshotItems.fromItem(stream, item))
                .flatMap(stored -> personal.openWhole(stream, stored.version(), "state", stored.state())
                        .map(state -> new Snapshot(stream, stored.version(), stored.stateSchema(), state,
                                stored.lastEventAt(), stored.chainHash())));
    }

    /**
     * Writes the snapshot, replacing one of the same or an older state schema at its version (e.g. one that no longer
     * reads), but never one of a newer schema: during a deployment the old release still serves loads, ignores the
     * new release's snapshots as untrusted, and must not overwrite them with its own.
     *
     * @return whether it was written
     */
    boolean save(Snapshot snapshot) {
        return putReplacing(snapshot, "#schema <= :schema");
    }

    /**
     * Writes the snapshot unless one of the same or a newer state schema is already stored at its version: loads
     * that race to write the same snapshot write it once, and code of an older schema (during a deployment) never
     * replaces a newer one.
     *
     * @return whether it was written
     */
    boolean saveIfAbsent(Snapshot snapshot) {
        return putReplacing(snapshot, "#schema < :schema");
    }

    /**
     * Puts the snapshot where nothing is stored at its version or the stored one meets {@code replaceable}; bounded
     * by the write timeout, since a load waits for it.
     */
    private boolean putReplacing(Snapshot snapshot, String replaceable) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(checkedItem(snapshot))
                    .conditionExpression("attribute_not_exists(#v) OR " + replaceable)
                    .expressionAttributeNames(Map.of("#v", SnapshotItems.VERSION, "#schema", SnapshotItems.STATE_SCHEMA))
                    .expressionAttributeValues(Map.of(":schema", EventItems.n(snapshot.stateSchema())))
                    .overrideConfiguration(config -> config.apiCallTimeout(writeTimeout))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException keptAsStored) {
            return false;
        }
    }

    private Map<String, AttributeValue> checkedItem(Snapshot snapshot) {
        Snapshot sealed = new Snapshot(snapshot.stream(), snapshot.version(), snapshot.stateSchema(),
                personal.sealWhole(snapshot.stream(), snapshot.version(), "state", snapshot.state()), snapshot.lastEventAt(),
                snapshot.chainHash());
        Map<String, AttributeValue> item = SnapshotItems.toItem(sealed, clock.instant());
        int bytes = ItemSizes.of(item);
        if (bytes > ItemSizes.MAX_ITEM_BYTES) {
            throw new SnapshotTooLarge(bytes, ItemSizes.MAX_ITEM_BYTES);
        }
        return item;
    }
}
