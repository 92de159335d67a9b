package coop.store.dynamodb;

import coop.store.EventPage;
import coop.store.InvalidPageToken;
import coop.store.RecordedEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queries across streams through the events table's indexes: by correlation, and by type and time.
 * Index reads are eventually consistent in DynamoDB: an event appended a moment ago may be missing for a moment.
 */
final class IndexQueries {

    /** A correlation is one business action; past this many events it is a bug, not an audit question. */
    static final int MAX_CORRELATION_EVENTS = 10_000;

    private final DynamoDbClient dynamo;
    private final String table;

    IndexQueries(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    List<RecordedEvent> findByCorrelation(String tenantId, String correlationId) {
        List<RecordedEvent> events = new ArrayList<>();
        for (QueryResponse page : dynamo.queryPaginator(keyEquals(EventItems.BY_CORRELATION,
                EventItems.CORRELATION_KEY, EventItems.correlationKey(tenantId, correlationId)).build())) {
            page.items().stream().map(EventItems::fromItem).forEach(events::add);
            if (events.size() >= MAX_CORRELATION_EVENTS) {
                break;
            }
        }
        return events.stream().sorted(Comparator.comparing(RecordedEvent::timestamp)
                .thenComparing(event -> event.stream().toString())
                .thenComparingLong(RecordedEvent::aggregateVersion)).toList();
    }

    /**
     * Reads every shard of the type index and merges them by time. The page token keeps, per shard, the key of the
     * last event handed out, so each page resumes every shard exactly where it stopped.
     */
    EventPage findByType(String tenantId, String eventType, Instant since, Instant until, int limit,
                         Optional<String> pageToken) {
        String query = String.join("|", "type", tenantId, eventType, Timestamps.format(since), Timestamps.format(until));
        Map<String, String> cursors = PageTokens.decode(pageToken, query).orElse(Map.of());
        // [since, until) in the stored microseconds: the first one at or after since, the last one before until.
        String first = Timestamps.format(upToMicros(since));
        String last = Timestamps.format(upToMicros(until).minus(1, ChronoUnit.MICROS));
        if (first.compareTo(last) > 0) {
            // No stored instant lies in the window, and DynamoDB refuses a BETWEEN whose bounds are the wrong way round.
            return new EventPage(List.of(), Optional.empty());
        }
        List<List<RecordedEvent>> shards = new ArrayList<>();
        List<Boolean> exhausted = new ArrayList<>();
        for (int shard = 0; shard < EventItems.TYPE_SHARDS; shard++) {
            String cursor = cursors.get("s" + shard);
            if ("done".equals(cursor)) {
                shards.add(List.of());
                exhausted.add(true);
                continue;
            }
            QueryResponse response = dynamo.query(typeWindow(tenantId, eventType, shard, first, last)
                    .exclusiveStartKey(cursor == null ? null : startAfter(cursor, tenantId, eventType, shard))
                    .limit(limit).build());
            shards.add(response.items().stream().map(EventItems::fromItem).toList());
            exhausted.add(LastKeys.of(response).isEmpty());
        }
        return merge(query, shards, exhausted, cursors, limit);
    }

    private static EventPage merge(String query, List<List<RecordedEvent>> shards, List<Boolean> exhausted,
                                   Map<String, String> cursors, int limit) {
        int[] taken = new int[shards.size()];
        List<RecordedEvent> page = new ArrayList<>();
        while (page.size() < limit) {
            int next = -1;
            for (int shard = 0; shard < shards.size(); shard++) {
                if (taken[shard] < shards.get(shard).size() && (next < 0 || shards.get(shard).get(taken[shard])
                        .timestamp().isBefore(shards.get(next).get(taken[next]).timestamp()))) {
                    next = shard;
                }
            }
            if (next < 0) {
                break;
            }
            page.add(shards.get(next).get(taken[next]++));
        }
        Map<String, String> nextCursors = new HashMap<>(Map.of("q", query));
        boolean more = false;
        for (int shard = 0; shard < shards.size(); shard++) {
            boolean done = exhausted.get(shard) && taken[shard] == shards.get(shard).size();
            String cursor = taken[shard] > 0 ? cursorOf(shards.get(shard).get(taken[shard] - 1))
                    : cursors.get("s" + shard);
            if (done) {
                nextCursors.put("s" + shard, "done");
            } else {
                more = true;
                if (cursor != null) {
                    nextCursors.put("s" + shard, cursor);
                }
            }
        }
        return new EventPage(page, more ? Optional.of(PageTokens.encode(nextCursors)) : Optional.empty());
    }

    private static String cursorOf(RecordedEvent event) {
        return String.join("|", EventItems.streamKey(event.stream()), Long.toString(event.aggregateVersion()),
                Timestamps.format(event.timestamp()), event.eventType(), event.tenantId(),
                Integer.toString(EventItems.typeShard(event.eventId())));
    }

    /** The start key of one shard's page; a cursor that does not name this query's tenant, type and shard is refused. */
    private static Map<String, AttributeValue> startAfter(String cursor, String tenantId, String eventType, int shard) {
        String[] parts = cursor.split("\\|", -1);
        if (parts.length != 6 || parts[0].isEmpty() || parts[2].isEmpty() || !parts[3].equals(eventType)
                || !parts[4].equals(tenantId) || !parts[5].equals(Integer.toString(shard))) {
            throw new InvalidPageToken();
        }
        return Map.of(
                EventItems.STREAM_ID, EventItems.s(parts[0]),
                EventItems.VERSION, EventItems.n(PageTokens.number(parts[1])),
                EventItems.EVENT_TIMESTAMP, EventItems.s(parts[2]),
                EventItems.TYPE_KEY, EventItems.s(EventItems.typeKey(tenantId, eventType, shard)));
    }

    /** The first stored instant (a whole microsecond) at or after {@code instant}. */
    private static Instant upToMicros(Instant instant) {
        Instant truncated = Timestamps.truncate(instant);
        return truncated.equals(instant) ? truncated : truncated.plus(1, ChronoUnit.MICROS);
    }

    /** The events of one shard recorded from {@code first} to {@code last}, both stored timestamps, inclusive. */
    private QueryRequest.Builder typeWindow(String tenantId, String eventType, int shard, String first, String last) {
        return QueryRequest.builder()
                .tableName(table)
                .indexName(EventItems.BY_TYPE)
                .keyConditionExpression("#k = :k AND #t BETWEEN :since AND :until")
                .expressionAttributeNames(Map.of("#k", EventItems.TYPE_KEY, "#t", EventItems.EVENT_TIMESTAMP))
                .expressionAttributeValues(Map.of(
                        ":k", EventItems.s(EventItems.typeKey(tenantId, eventType, shard)),
                        ":since", EventItems.s(first),
                        ":until", EventItems.s(last)));
    }

    private QueryRequest.Builder keyEquals(String index, String attribute, String value) {
        return QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", attribute))
                .expressionAttributeValues(Map.of(":k", EventItems.s(value)));
    }
}
