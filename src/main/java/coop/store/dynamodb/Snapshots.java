package coop.store.dynamodb;

import coop.store.Snapshot;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Snapshot items, keyed by (stream_id, version) like the events they summarise. */
final class Snapshots {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    Snapshots(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
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
        return response.items().stream().findFirst().map(item -> SnapshotItems.fromItem(stream, item));
    }

    /**
     * Newest first, skipping snapshots taken after {@code asOf}. A filter is applied after DynamoDB's limit, so this
     * pages instead of asking for one item.
     */
    Optional<Snapshot> latestAsOf(StreamId stream, Instant asOf) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#s = :s")
                    .filterExpression("#at <= :at")
                    .expressionAttributeNames(Map.of("#s", SnapshotItems.STREAM_ID, "#at", SnapshotItems.LAST_EVENT_AT))
                    .expressionAttributeValues(Map.of(
                            ":s", EventItems.s(EventItems.streamKey(stream)),
                            ":at", EventItems.s(Timestamps.format(asOf))))
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            if (!response.items().isEmpty()) {
                return Optional.of(SnapshotItems.fromItem(stream, response.items().getFirst()));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return Optional.empty();
    }

    void save(Snapshot snapshot) {
        dynamo.putItem(request -> request.tableName(table).item(SnapshotItems.toItem(snapshot, clock.instant())));
    }
}
