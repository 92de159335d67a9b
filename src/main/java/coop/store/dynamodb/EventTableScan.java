package coop.store.dynamodb;

import coop.store.InvalidPageToken;
import coop.store.RecordedEvent;
import coop.store.SegmentPage;
import coop.store.StreamCatalog;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds every stream by scanning the events table for first events (version 1). A scan reads the whole table and is
 * used only by admin rebuilds of read models: a rebuild must reach every stream of every tenant, including those a
 * read model lost, and no index lists streams across tenants. Paged, so it never holds the table in memory; in
 * segments (DynamoDB's parallel scan), so that a rebuild can fan out.
 */
public final class EventTableScan implements StreamCatalog {

    private static final String POSITION = "segment";

    private final DynamoDbClient dynamo;
    private final String table;
    private final PersonalData personal;

    /** A scan of a table whose events carry no personal fields. */
    public EventTableScan(DynamoDbClient dynamo, String table) {
        this(dynamo, table, PersonalData.none());
    }

    /** A scan that hands out events with their personal values opened, as every read path does. */
    public EventTableScan(DynamoDbClient dynamo, String table, PersonalData personal) {
        this.dynamo = dynamo;
        this.table = table;
        this.personal = personal;
    }

    @Override
    public void forEachStream(String aggregateType, Consumer<StreamId> each) {
        dynamo.scanPaginator(firstEvents(aggregateType).build()).items().forEach(item -> each.accept(stream(item)));
    }

    @Override
    public SegmentPage streamsInSegment(String aggregateType, int segment, int totalSegments, Optional<String> after,
                                        int pageSize) {
        ScanResponse page = dynamo.scan(firstEvents(aggregateType).segment(segment).totalSegments(totalSegments)
                .limit(pageSize).exclusiveStartKey(after.map(EventTableScan::key).orElse(null)).build());
        Optional<String> next = LastKeys.of(page).map(EventTableScan::position);
        return new SegmentPage(page.items().stream().map(EventTableScan::stream).toList(), page.scannedCount(), next);
    }

    @Override
    public void forEachEventRecordedBetween(Instant from, Instant to, Consumer<RecordedEvent> each) {
        dynamo.scanPaginator(request -> request.tableName(table)
                        .filterExpression("#at BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#at", EventItems.EVENT_TIMESTAMP))
                        .expressionAttributeValues(Map.of(":from", EventItems.s(Timestamps.format(from)),
                                ":to", EventItems.s(Timestamps.format(to)))))
                .items().forEach(item -> each.accept(personal.open(EventItems.fromItem(item))));
    }

    @Override
    public long approximateEventCount() {
        return dynamo.describeTable(request -> request.tableName(table)).table().itemCount();
    }

    private ScanRequest.Builder firstEvents(String aggregateType) {
        return ScanRequest.builder().tableName(table)
                .filterExpression("#v = :one AND #t = :type")
                .projectionExpression("#t, #tenant, #id")
                .expressionAttributeNames(Map.of("#v", EventItems.VERSION, "#t", EventItems.AGGREGATE_TYPE,
                        "#tenant", EventItems.TENANT_ID, "#id", EventItems.AGGREGATE_ID))
                .expressionAttributeValues(Map.of(":one", EventItems.n(1), ":type", EventItems.s(aggregateType)));
    }

    private static StreamId stream(Map<String, AttributeValue> item) {
        return new StreamId(item.get(EventItems.TENANT_ID).s(), item.get(EventItems.AGGREGATE_TYPE).s(),
                item.get(EventItems.AGGREGATE_ID).s());
    }

    /** The events table's key, as an opaque token a checkpoint can keep. */
    static String position(Map<String, AttributeValue> key) {
        return PageTokens.encode(Map.of("q", POSITION, "s", key.get(EventItems.STREAM_ID).s(),
                "v", key.get(EventItems.VERSION).n()));
    }

    static Map<String, AttributeValue> key(String position) {
        Map<String, String> fields = PageTokens.decode(Optional.of(position), POSITION)
                .orElseThrow(InvalidPageToken::new);
        return Map.of(EventItems.STREAM_ID, EventItems.s(fields.get("s")),
                EventItems.VERSION, AttributeValue.fromN(fields.get("v")));
    }
}
