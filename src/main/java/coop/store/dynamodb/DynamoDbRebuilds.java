package coop.store.dynamodb;

import coop.store.Rebuild;
import coop.store.RebuildSegment;
import coop.store.RebuildStore;
import coop.store.SegmentPage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuild state in the checkpoints table, under prefixes of its own: the current rebuild of a projection at
 * {@code pk = "rebuild", sk = <projection>}, and its segments at {@code pk = "rebuild#<id>", sk = <segment>}.
 */
public final class DynamoDbRebuilds implements RebuildStore {

    private static final String PK = CheckpointItems.PK;
    private static final String SK = CheckpointItems.SK;
    private static final String REBUILD_PK = "rebuild";
    private static final String ID = "rebuild_id";
    private static final String TOTAL_SEGMENTS = "total_segments";
    private static final String EVENTS_TOTAL = "events_total";
    private static final String STARTED_AT = "started_at";
    private static final String FINISHED_AT = "finished_at";
    private static final String PAGES = "pages";
    private static final String POSITION = "position";
    private static final String EVENTS_DONE = "events_done";
    private static final String DONE = "done";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRebuilds(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void start(Rebuild rebuild) {
        // Segments first: a rebuild is visible only once all of its segments exist.
        for (int segment = 0; segment < rebuild.totalSegments(); segment++) {
            int number = segment;
            dynamo.putItem(request -> request.tableName(table).item(Map.of(
                    PK, EventItems.s(segmentsKey(rebuild.id())), SK, EventItems.s(segmentKey(number)),
                    PAGES, EventItems.n(0), EVENTS_DONE, EventItems.n(0), DONE, AttributeValue.fromBool(false))));
        }
        dynamo.putItem(request -> request.tableName(table).item(Map.of(
                PK, EventItems.s(REBUILD_PK), SK, EventItems.s(rebuild.projection()), ID, EventItems.s(rebuild.id()),
                TOTAL_SEGMENTS, EventItems.n(rebuild.totalSegments()), EVENTS_TOTAL, EventItems.n(rebuild.eventsTotal()),
                STARTED_AT, EventItems.s(Timestamps.format(rebuild.startedAt())))));
    }

    @Override
    public Optional<Rebuild> current(String projection) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of(PK, EventItems.s(REBUILD_PK), SK, EventItems.s(projection)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rebuild(item.get(ID).s(), projection, Integer.parseInt(item.get(TOTAL_SEGMENTS).n()),
                Long.parseLong(item.get(EVENTS_TOTAL).n()), Timestamps.parse(item.get(STARTED_AT).s()),
                Optional.ofNullable(item.get(FINISHED_AT)).map(value -> Timestamps.parse(value.s()))));
    }

    @Override
    public Optional<RebuildSegment> segment(String rebuildId, int segment) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of(PK, EventItems.s(segmentsKey(rebuildId)), SK, EventItems.s(segmentKey(segment))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(segment(item));
    }

    @Override
    public List<RebuildSegment> segments(String rebuildId) {
        return dynamo.queryPaginator(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .expressionAttributeValues(Map.of(":pk", EventItems.s(segmentsKey(rebuildId)))))
                .items().stream().map(DynamoDbRebuilds::segment).toList();
    }

    @Override
    public boolean advance(String rebuildId, RebuildSegment from, SegmentPage page) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":from", EventItems.n(from.pages()), ":pages", EventItems.n(from.pages() + 1),
                ":events", EventItems.n(from.eventsDone() + page.eventsRead()),
                ":done", AttributeValue.fromBool(page.next().isEmpty())));
        String update = "SET #pages = :pages, #events = :events, #done = :done";
        if (page.next().isPresent()) {
            values.put(":position", EventItems.s(page.next().get()));
            update += ", #position = :position";
        } else {
            update += " REMOVE #position";
        }
        String expression = update;
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(Map.of(PK, EventItems.s(segmentsKey(rebuildId)), SK, EventItems.s(segmentKey(from.segment()))))
                    .updateExpression(expression)
                    .conditionExpression("#pages = :from")
                    .expressionAttributeNames(Map.of("#pages", PAGES, "#events", EVENTS_DONE, "#done", DONE,
                            "#position", POSITION))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    @Override
    public boolean finish(Rebuild rebuild, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(Map.of(PK, EventItems.s(REBUILD_PK), SK, EventItems.s(rebuild.projection())))
                    .updateExpression("SET #finished = :now")
                    .conditionExpression("#id = :id AND attribute_not_exists(#finished)")
                    .expressionAttributeNames(Map.of("#finished", FINISHED_AT, "#id", ID))
                    .expressionAttributeValues(Map.of(":now", EventItems.s(Timestamps.format(now)),
                            ":id", EventItems.s(rebuild.id()))));
            return true;
        } catch (ConditionalCheckFailedException replacedOrFinished) {
            return false;
        }
    }

    private static RebuildSegment segment(Map<String, AttributeValue> item) {
        return new RebuildSegment(Integer.parseInt(item.get(SK).s()), Long.parseLong(item.get(PAGES).n()),
                Optional.ofNullable(item.get(POSITION)).map(AttributeValue::s),
                Long.parseLong(item.get(EVENTS_DONE).n()), item.get(DONE).bool());
    }

    private static String segmentsKey(String rebuildId) {
        return REBUILD_PK + "#" + rebuildId;
    }

    /** Zero-padded, so the segments of a rebuild read back in order. */
    private static String segmentKey(int segment) {
        return String.format("%05d", segment);
    }
}
