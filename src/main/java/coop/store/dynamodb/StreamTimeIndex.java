package coop.store.dynamodb;

import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Finds the version a stream had at an instant in one keyed read: the {@code by_stream_time} index keeps each
 * stream's events sorted by (timestamp, version), and keeps only keys, so the read is one small item.
 *
 * <p>A global index is eventually consistent: for an instant a few milliseconds ago it may not list the newest
 * events yet, and then answers an older version. Callers read on from there in the table (see
 * {@link StreamReads#readAsOf}), so the answer is late by a read, never wrong.
 */
final class StreamTimeIndex {

    /** Sorts after every "#version" suffix of an instant, so the bound takes all events of that instant. */
    private static final String AFTER_EVERY_VERSION = "#~";

    private final DynamoDbClient dynamo;
    private final String table;

    StreamTimeIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    OptionalLong versionAsOf(StreamId stream, Instant asOf) {
        QueryResponse newest = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .indexName(EventItems.BY_STREAM_TIME)
                .keyConditionExpression("#s = :s AND #t <= :t")
                .expressionAttributeNames(Map.of("#s", EventItems.STREAM_ID, "#t", EventItems.TIME_VERSION))
                .expressionAttributeValues(Map.of(
                        ":s", EventItems.s(EventItems.streamKey(stream)),
                        ":t", EventItems.s(Timestamps.format(asOf) + AFTER_EVERY_VERSION)))
                .scanIndexForward(false)
                .limit(1)
                .build());
        return newest.items().isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(newest.items().getFirst().get(EventItems.VERSION).n()));
    }
}
