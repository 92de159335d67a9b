package coop.store.dynamodb;

import coop.store.EventPage;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads one stream by its key: strongly consistent queries, never scans. */
final class StreamReads {

    private static final String BETWEEN = "#s = :s AND #v BETWEEN :from AND :to";
    private static final Map<String, String> NAMES = Map.of("#s", EventItems.STREAM_ID, "#v", EventItems.VERSION);

    private final DynamoDbClient dynamo;
    private final String table;

    StreamReads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    long currentVersion(StreamId stream) {
        QueryResponse newest = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", EventItems.STREAM_ID))
                .expressionAttributeValues(Map.of(":s", EventItems.s(EventItems.streamKey(stream))))
                .projectionExpression("#s, " + EventItems.VERSION)
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .build());
        return newest.items().isEmpty() ? 0 : Long.parseLong(newest.items().getFirst().get(EventItems.VERSION).n());
    }

    /** The chain hash of the event at {@code version}: empty when it has none (or is not there). One keyed read. */
    Optional<String> chainHash(StreamId stream, long version) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of(EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(stream)),
                        EventItems.VERSION, EventItems.n(version)))
                .projectionExpression(EventItems.CHAIN_HASH)).item();
        return Optional.ofNullable(item).map(found -> found.get(EventItems.CHAIN_HASH)).map(AttributeValue::s);
    }

    EventPage page(StreamId stream, long afterVersion, long upToVersion, int limit, Optional<String> pageToken) {
        String query = "stream:" + EventItems.streamKey(stream);
        // A token names the stream, not the versions asked for: it continues a page, but never below them.
        long after = Math.max(afterVersion, PageTokens.decode(pageToken, query)
                .map(fields -> PageTokens.number(fields, "after"))
                .orElse(afterVersion));
        if (after >= upToVersion) {
            return new EventPage(List.of(), Optional.empty());
        }
        QueryResponse response = dynamo.query(between(stream, after, upToVersion).limit(limit).build());
        List<RecordedEvent> events = response.items().stream().map(EventItems::fromItem).toList();
        boolean more = LastKeys.of(response).isPresent() && !events.isEmpty() && events.getLast().aggregateVersion() < upToVersion;
        Optional<String> next = more
                ? Optional.of(PageTokens.encode(Map.of("q", query,
                        "after", Long.toString(events.getLast().aggregateVersion()))))
                : Optional.empty();
        return new EventPage(events, next);
    }

    List<RecordedEvent> readAll(StreamId stream, long afterVersion, long upToVersion) {
        if (afterVersion >= upToVersion) {
            return List.of();
        }
        return dynamo.queryPaginator(between(stream, afterVersion, upToVersion).build()).items().stream()
                .map(EventItems::fromItem).toList();
    }

    /** Every event of the stream as stored, oldest first, one query page at a time: memory stays one page. */
    void eachPage(StreamId stream, Consumer<List<RecordedEvent>> page) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(between(stream, 0, Long.MAX_VALUE).exclusiveStartKey(start).build());
            page.accept(response.items().stream().map(EventItems::fromItem).toList());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * The events after {@code afterVersion} up to the last one recorded at or before {@code asOf}, in version order.
     * The first query asks for the events up to {@code likelyLast} and the one after it: when that one was recorded
     * after {@code asOf} (or does not exist) the read is done; otherwise the guess was short (an index that lagged,
     * or none) and the read goes on until the first event after {@code asOf}.
     */
    List<RecordedEvent> readAsOf(StreamId stream, long afterVersion, long likelyLast, Instant asOf) {
        List<RecordedEvent> events = new ArrayList<>();
        long firstPage = Math.max(1, likelyLast - afterVersion + 1);
        QueryRequest.Builder guess = between(stream, afterVersion, Long.MAX_VALUE);
        if (firstPage < Integer.MAX_VALUE) {
            guess.limit((int) firstPage);
        }
        QueryResponse first = dynamo.query(guess.build());
        if (takeUpTo(first.items(), asOf, events) || LastKeys.of(first).isEmpty()) {
            return events;
        }
        // The guess was short: the rest, in full pages, read lazily so that the first event after asOf ends it.
        for (QueryResponse page : dynamo.queryPaginator(between(stream, afterVersion, Long.MAX_VALUE)
                .exclusiveStartKey(first.lastEvaluatedKey()).build())) {
            if (takeUpTo(page.items(), asOf, events)) {
                break;
            }
        }
        return events;
    }

    /** Adds the items recorded at or before {@code asOf}; true when one after it was met, and the read is done. */
    private static boolean takeUpTo(List<Map<String, AttributeValue>> items, Instant asOf, List<RecordedEvent> events) {
        for (Map<String, AttributeValue> item : items) {
            RecordedEvent event = EventItems.fromItem(item);
            if (event.timestamp().isAfter(asOf)) {
                return true;
            }
            events.add(event);
        }
        return false;
    }

    private QueryRequest.Builder between(StreamId stream, long afterVersion, long upToVersion) {
        return QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(BETWEEN)
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(Map.of(
                        ":s", EventItems.s(EventItems.streamKey(stream)),
                        ":from", EventItems.n(afterVersion + 1),
                        ":to", EventItems.n(upToVersion)))
                .consistentRead(true);
    }
}
