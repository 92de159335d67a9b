package coop.store.dynamodb;

import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checkpoints and cursors in the checkpoints table; every write is a single-item update. */
public final class DynamoDbCheckpoints implements CheckpointStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbCheckpoints(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Checkpoint> find(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(CheckpointItems.checkpointKey(name)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CheckpointItems.fromItem(item));
    }

    @Override
    public List<Checkpoint> all() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(request -> request.tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", CheckpointItems.PK))
                    .expressionAttributeValues(Map.of(":pk", EventItems.s(CheckpointItems.CHECKPOINT_PK)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> checkpoints.add(CheckpointItems.fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return checkpoints;
    }

    @Override
    public void recordProcessed(String name, String eventId, Instant eventTimestamp, Instant now) {
        update(name, "SET #name = :name, #id = :id, #at = :at, #upd = :now, #st = if_not_exists(#st, :running)",
                Map.of("#id", CheckpointItems.LAST_EVENT_ID, "#at", CheckpointItems.LAST_EVENT_TIMESTAMP),
                Map.of(":id", EventItems.s(eventId), ":at", EventItems.s(Timestamps.format(eventTimestamp))), now);
    }

    @Override
    public void recordFailure(String name, String error, Instant now) {
        String message = error.length() > CheckpointItems.MAX_ERROR_LENGTH
                ? error.substring(0, CheckpointItems.MAX_ERROR_LENGTH) : error;
        update(name, "SET #name = :name, #err = :err, #upd = :now, #st = if_not_exists(#st, :running) ADD #cnt :one",
                Map.of("#err", CheckpointItems.LAST_ERROR, "#cnt", CheckpointItems.ERROR_COUNT),
                Map.of(":err", EventItems.s(message), ":one", EventItems.n(1)), now);
    }

    @Override
    public void setStatus(String name, Checkpoint.Status status, Instant now) {
        update(name, "SET #name = :name, #upd = :now, #st = :status", Map.of(),
                Map.of(":status", EventItems.s(CheckpointItems.status(status))), now);
    }

    private void update(String name, String expression, Map<String, String> names, Map<String, AttributeValue> values,
                        Instant now) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#name", CheckpointItems.NAME);
        allNames.put("#upd", CheckpointItems.LAST_UPDATED);
        allNames.put("#st", CheckpointItems.STATUS);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":name", EventItems.s(name));
        allValues.put(":now", EventItems.s(Timestamps.format(now)));
        if (expression.contains(":running")) {
            // DynamoDB refuses values that the expression does not use.
            allValues.put(":running", EventItems.s(CheckpointItems.status(Checkpoint.Status.RUNNING)));
        }
        dynamo.updateItem(request -> request.tableName(table).key(CheckpointItems.checkpointKey(name))
                .updateExpression(expression).expressionAttributeNames(allNames).expressionAttributeValues(allValues));
    }

    @Override
    public long cursor(String name, StreamId stream) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(CheckpointItems.cursorKey(name, EventItems.streamKey(stream))).consistentRead(true)).item();
        return item == null || !item.containsKey(CheckpointItems.VERSION) ? 0
                : Long.parseLong(item.get(CheckpointItems.VERSION).n());
    }

    @Override
    public void advanceCursor(String name, StreamId stream, long version) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(CheckpointItems.cursorKey(name, EventItems.streamKey(stream)))
                    .updateExpression("SET #v = :v")
                    .conditionExpression("attribute_not_exists(#v) OR #v < :v")
                    .expressionAttributeNames(Map.of("#v", CheckpointItems.VERSION))
                    .expressionAttributeValues(Map.of(":v", EventItems.n(version))));
        } catch (ConditionalCheckFailedException alreadyFurther) {
            // Another invocation moved it at least this far.
        }
    }
}
