package coop.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the events table's stream the way Lambda's event source mapping would, for local runs (moto cannot run an
 * event source mapping without Docker). Each poll takes a fresh iterator per shard: {@code AFTER_SEQUENCE_NUMBER} of
 * the last record handled, {@code TRIM_HORIZON} before the first (moto's older iterators stop seeing new records after
 * a cancelled transaction). A record whose handler throws is retried on the next poll, like a reported batch item
 * failure, and given up after {@value #MAX_ATTEMPTS} attempts, like {@code MaximumRetryAttempts}.
 */
public final class StreamPoller {

    static final int MAX_ATTEMPTS = 3;
    private static final int MAX_PAGES_PER_POLL = 20;
    private static final Logger LOG = Logger.getLogger(StreamPoller.class);

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String region;
    private final Consumer<DynamodbEvent.DynamodbStreamRecord> handler;
    private final Map<String, String> lastSequence = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private String streamArn;

    public StreamPoller(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String table, String region,
                        Consumer<DynamodbEvent.DynamodbStreamRecord> handler) {
        this.streams = streams;
        this.dynamo = dynamo;
        this.table = table;
        this.region = region;
        this.handler = handler;
    }

    /** Hands every record not handled yet to the handler; returns how many were handled. */
    public synchronized int pollOnce() {
        if (streamArn == null) {
            streamArn = dynamo.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        }
        int handled = 0;
        for (Shard shard : shards()) {
            handled += pollShard(shard.shardId());
        }
        return handled;
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse response = streams.describeStream(r -> r.streamArn(streamArn)
                    .exclusiveStartShardId(from));
            shards.addAll(response.streamDescription().shards());
            start = response.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    private int pollShard(String shardId) {
        String after = lastSequence.get(shardId);
        String iterator = streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
        int handled = 0;
        for (int page = 0; iterator != null && page < MAX_PAGES_PER_POLL; page++) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(current));
            if (response.records().isEmpty()) {
                break;
            }
            for (Record record : response.records()) {
                if (!handle(record)) {
                    return handled;
                }
                lastSequence.put(shardId, record.dynamodb().sequenceNumber());
                handled++;
            }
            iterator = response.nextShardIterator();
        }
        return handled;
    }

    /** False when the record failed and should be retried next poll. */
    private boolean handle(Record record) {
        String sequence = record.dynamodb().sequenceNumber();
        try {
            handler.accept(LambdaStreamRecords.from(record, streamArn, region));
            attempts.remove(sequence);
            return true;
        } catch (RuntimeException e) {
            int attempt = attempts.merge(sequence, 1, Integer::sum);
            if (attempt >= MAX_ATTEMPTS) {
                LOG.errorf(e, "Giving up on stream record %s after %d attempts", sequence, attempt);
                attempts.remove(sequence);
                return true;
            }
            LOG.warnf(e, "Stream record %s failed (attempt %d), retrying on the next poll", sequence, attempt);
            return false;
        }
    }
}
