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
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the events table's stream the way Lambda's event source mapping would, for local runs (moto cannot run an
 * event source mapping without Docker): every record that is there, handed to the stream function in batches of up
 * to {@value #BATCH_SIZE}. Each poll takes a fresh iterator per shard: {@code AFTER_SEQUENCE_NUMBER} of the last
 * record handled, {@code TRIM_HORIZON} before the first (moto's older iterators stop seeing new records after a
 * cancelled transaction). When a batch answers a failed record, the records before it are done and the next poll
 * starts from it, like {@code ReportBatchItemFailures}; it is given up after {@value #MAX_ATTEMPTS} attempts (or as
 * many as given), like {@code MaximumRetryAttempts}.
 */
public final class StreamPoller {

    static final int MAX_ATTEMPTS = 3;
    /** What Lambda hands the function at most per invocation by default. */
    public static final int BATCH_SIZE = 100;
    /** How many records one {@code GetRecords} asks for: DynamoDB Streams' maximum. */
    private static final int RECORDS_PER_READ = 1000;
    private static final int MAX_RECORDS_PER_POLL = 10_000;
    private static final Logger LOG = Logger.getLogger(StreamPoller.class);

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String region;
    private final Function<List<DynamodbEvent.DynamodbStreamRecord>, Optional<String>> handler;
    private final Map<String, String> lastSequence = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final int maxAttempts;
    private String streamArn;

    /**
     * @param handler handles a batch and answers the sequence number of its first failed record, if any
     */
    public StreamPoller(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String table, String region,
                        Function<List<DynamodbEvent.DynamodbStreamRecord>, Optional<String>> handler) {
        this(streams, dynamo, table, region, handler, MAX_ATTEMPTS);
    }

    /**
     * @param maxAttempts deliveries of a failing record before it is given up (the template's event source mapping
     *                    makes 11: the first and {@code MaximumRetryAttempts: 10})
     */
    public StreamPoller(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String table, String region,
                        Function<List<DynamodbEvent.DynamodbStreamRecord>, Optional<String>> handler,
                        int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.streams = streams;
        this.dynamo = dynamo;
        this.table = table;
        this.region = region;
        this.handler = handler;
    }

    /** Hands every record not handled yet to the handler; returns how many were handled (or given up). */
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

    /** Polls again at once while records keep coming, as Lambda does with a busy shard; returns how many it handled. */
    public int drain() {
        int total = 0;
        for (int handled = pollOnce(); handled > 0; handled = pollOnce()) {
            total += handled;
        }
        return total;
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
        List<Record> records = read(shardId);
        int handled = 0;
        for (int from = 0; from < records.size(); from += BATCH_SIZE) {
            List<Record> batch = records.subList(from, Math.min(from + BATCH_SIZE, records.size()));
            Optional<String> failed = handle(batch);
            for (Record record : batch) {
                String sequence = record.dynamodb().sequenceNumber();
                if (failed.filter(sequence::equals).isPresent()) {
                    if (!giveUp(sequence)) {
                        return handled;
                    }
                    lastSequence.put(shardId, sequence);
                    return handled + 1;
                }
                lastSequence.put(shardId, sequence);
                handled++;
            }
        }
        return handled;
    }

    /** Everything the shard holds after the last record handled, up to a bound per poll. */
    private List<Record> read(String shardId) {
        String after = lastSequence.get(shardId);
        String iterator = streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null && records.size() < MAX_RECORDS_PER_POLL) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(current).limit(RECORDS_PER_READ));
            if (response.records().isEmpty()) {
                break;
            }
            records.addAll(response.records());
            iterator = response.nextShardIterator();
        }
        return records;
    }

    /** The first failed record's sequence number; a batch that throws as a whole fails from its first record. */
    private Optional<String> handle(List<Record> batch) {
        try {
            return handler.apply(batch.stream().map(record -> LambdaStreamRecords.from(record, streamArn, region))
                    .toList());
        } catch (RuntimeException e) {
            LOG.warnf(e, "A stream batch failed as a whole");
            return Optional.of(batch.getFirst().dynamodb().sequenceNumber());
        }
    }

    /** True when the record failed too often and is skipped, as Lambda sends it to the DLQ. */
    private boolean giveUp(String sequence) {
        int attempt = attempts.merge(sequence, 1, Integer::sum);
        if (attempt >= maxAttempts) {
            LOG.errorf("Giving up on stream record %s after %d attempts", sequence, attempt);
            attempts.remove(sequence);
            return true;
        }
        LOG.warnf("Stream record %s failed (attempt %d), retrying on the next poll", sequence, attempt);
        return false;
    }
}
