package coop.store.dynamodb;

import coop.store.BatchProgress;
import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checkpoints and cursors in the checkpoints table: single-item updates, batched reads of cursors, and cursor writes
 * that only move forward.
 */
public final class DynamoDbCheckpoints implements CheckpointStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbCheckpoints(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Checkpoint> find(String name) {
        Map<String, AttributeValue> status = dynamo.getItem(request -> request.tableName(table)
                .key(CheckpointItems.checkpointKey(name)).consistentRead(true)).item();
        List<Map<String, AttributeValue>> progress = dynamo.queryPaginator(request -> request.tableName(table)
                .keyConditionExpression("#pk = :pk").consistentRead(true)
                .expressionAttributeNames(Map.of("#pk", CheckpointItems.PK))
                .expressionAttributeValues(Map.of(":pk", EventItems.s(CheckpointItems.progressPartition(name)))))
                .items().stream().toList();
        return CheckpointViews.of(name, Optional.ofNullable(status).filter(item -> !item.isEmpty()), progress);
    }

    @Override
    public Optional<Checkpoint> find(String name, String tenantId) {
        Map<String, AttributeValue> statusKey = CheckpointItems.checkpointKey(name);
        Map<String, AttributeValue> progressKey = CheckpointItems.progressKey(name, tenantId);
        List<Map<String, AttributeValue>> items = BatchRequests.get(dynamo, table, List.of(statusKey, progressKey));
        Optional<Map<String, AttributeValue>> status = items.stream()
                .filter(item -> item.get(CheckpointItems.SK).equals(statusKey.get(CheckpointItems.SK))
                        && item.get(CheckpointItems.PK).equals(statusKey.get(CheckpointItems.PK)))
                .findFirst()
                // Deployment-wide failures (a rebuild) may name any tenant's families: a tenant sees only the status.
                .map(item -> Map.of(CheckpointItems.STATUS, item.getOrDefault(CheckpointItems.STATUS,
                        EventItems.s(CheckpointItems.status(Checkpoint.Status.RUNNING)))));
        List<Map<String, AttributeValue>> progress = items.stream()
                .filter(item -> item.get(CheckpointItems.PK).equals(progressKey.get(CheckpointItems.PK))).toList();
        return CheckpointViews.of(name, status, progress);
    }

    /**
     * One update per batch. The last event moves only forward in recording time: an older event handled later (a
     * replay, a redelivery, another shard's batch) updates the rest of the checkpoint on a second update, which only
     * that case pays for.
     */
    @Override
    public void recordBatch(String name, String tenantId, BatchProgress progress, Instant now) {
        if (progress.lastEventId().isPresent() && progress.lastEventTimestamp().isPresent()) {
            try {
                updateProgress(name, tenantId, progress, now, true);
                return;
            } catch (ConditionalCheckFailedException newerRecorded) {
                // fall through: record the update and the failures, keep the newer last event
            }
        }
        updateProgress(name, tenantId, progress, now, false);
    }

    private void updateProgress(String name, String tenantId, BatchProgress progress, Instant now, boolean withEvent) {
        List<String> sets = new ArrayList<>(List.of("#upd = :now"));
        Map<String, String> names = new HashMap<>(Map.of("#upd", CheckpointItems.LAST_UPDATED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", EventItems.s(Timestamps.format(now))));
        if (withEvent) {
            sets.add("#id = :id");
            sets.add("#at = :at");
            names.put("#id", CheckpointItems.LAST_EVENT_ID);
            names.put("#at", CheckpointItems.LAST_EVENT_TIMESTAMP);
            values.put(":id", EventItems.s(progress.lastEventId().orElseThrow()));
            values.put(":at", EventItems.s(Timestamps.format(progress.lastEventTimestamp().orElseThrow())));
        }
        String add = "";
        if (progress.failures() > 0) {
            sets.add("#err = :err");
            sets.add("#errat = :now");
            names.putAll(Map.of("#err", CheckpointItems.LAST_ERROR, "#errat", CheckpointItems.LAST_ERROR_AT,
                    "#cnt", CheckpointItems.ERROR_COUNT));
            values.put(":err", EventItems.s(CheckpointItems.cut(progress.lastError().orElse("failed"))));
            values.put(":n", EventItems.n(progress.failures()));
            add = " ADD #cnt :n";
        }
        String expression = "SET " + String.join(", ", sets) + add;
        dynamo.updateItem(request -> request.tableName(table).key(CheckpointItems.progressKey(name, tenantId))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)
                // fixed-width timestamps (Timestamps) compare as the instants do
                .conditionExpression(withEvent ? "attribute_not_exists(#at) OR #at <= :at" : null));
    }

    @Override
    public void recordFailure(String name, String error, Instant now) {
        updateStatusItem(name, "SET #name = :name, #err = :err, #errat = :now, #upd = :now, "
                        + "#st = if_not_exists(#st, :running) ADD #cnt :one",
                Map.of("#err", CheckpointItems.LAST_ERROR, "#errat", CheckpointItems.LAST_ERROR_AT,
                        "#cnt", CheckpointItems.ERROR_COUNT),
                Map.of(":err", EventItems.s(CheckpointItems.cut(error)), ":one", EventItems.n(1),
                        ":running", EventItems.s(CheckpointItems.status(Checkpoint.Status.RUNNING))), now);
    }

    @Override
    public void setStatus(String name, Checkpoint.Status status, Instant now) {
        updateStatusItem(name, "SET #name = :name, #upd = :now, #st = :status", Map.of(),
                Map.of(":status", EventItems.s(CheckpointItems.status(status))), now);
    }

    private void updateStatusItem(String name, String expression, Map<String, String> names,
                                  Map<String, AttributeValue> values, Instant now) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#name", CheckpointItems.NAME);
        allNames.put("#upd", CheckpointItems.LAST_UPDATED);
        allNames.put("#st", CheckpointItems.STATUS);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":name", EventItems.s(name));
        allValues.put(":now", EventItems.s(Timestamps.format(now)));
        dynamo.updateItem(request -> request.tableName(table).key(CheckpointItems.checkpointKey(name))
                .updateExpression(expression).expressionAttributeNames(allNames).expressionAttributeValues(allValues));
    }

    @Override
    public Map<StreamId, Long> cursors(String name, Collection<StreamId> streams) {
        Map<String, StreamId> byKey = streams.stream()
                .collect(Collectors.toMap(EventItems::streamKey, Function.identity(), (a, b) -> a));
        List<Map<String, AttributeValue>> keys = byKey.keySet().stream()
                .map(key -> CheckpointItems.cursorKey(name, key)).toList();
        return BatchRequests.get(dynamo, table, keys).stream()
                .filter(item -> item.containsKey(CheckpointItems.VERSION))
                .collect(Collectors.toMap(item -> byKey.get(item.get(CheckpointItems.SK).s()),
                        item -> Long.parseLong(item.get(CheckpointItems.VERSION).n())));
    }

    /**
     * One conditional write per stream, so that a cursor only moves forward: a replay of older events that ends after
     * the live stream moved a cursor on loses its condition and leaves the newer cursor in place. A lost condition
     * still costs a write unit; it is not an error.
     */
    @Override
    public void moveCursors(String name, Map<StreamId, Long> versions) {
        versions.forEach((stream, version) -> {
            try {
                dynamo.updateItem(request -> request.tableName(table)
                        .key(CheckpointItems.cursorKey(name, EventItems.streamKey(stream)))
                        .updateExpression("SET #v = :v")
                        .conditionExpression("attribute_not_exists(#v) OR #v < :v")
                        .expressionAttributeNames(Map.of("#v", CheckpointItems.VERSION))
                        .expressionAttributeValues(Map.of(":v", EventItems.n(version))));
            } catch (ConditionalCheckFailedException alreadyFurther) {
                // another invocation handled a later version of this stream: its cursor stands
            }
        });
    }
}
