package coop.store.dynamodb;

import coop.store.StreamCatalog;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds every stream by scanning the events table for first events (version 1). A scan reads the whole table and is
 * used only by the admin rebuild of a read model: the rebuild must reach every stream of every tenant, including
 * those a read model lost, and no index lists streams across tenants. Paged, so it never holds the table in memory.
 */
public final class EventTableScan implements StreamCatalog {

    private final DynamoDbClient dynamo;
    private final String table;

    public EventTableScan(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void forEachStream(String aggregateType, Consumer<StreamId> each) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(request -> request.tableName(table)
                    .filterExpression("#v = :one AND #t = :type")
                    .projectionExpression("#t, #tenant, #id")
                    .expressionAttributeNames(Map.of("#v", EventItems.VERSION, "#t", EventItems.AGGREGATE_TYPE,
                            "#tenant", EventItems.TENANT_ID, "#id", EventItems.AGGREGATE_ID))
                    .expressionAttributeValues(Map.of(":one", EventItems.n(1), ":type", EventItems.s(aggregateType)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> each.accept(new StreamId(item.get(EventItems.TENANT_ID).s(),
                    item.get(EventItems.AGGREGATE_TYPE).s(), item.get(EventItems.AGGREGATE_ID).s())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
