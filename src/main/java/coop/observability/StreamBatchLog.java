package coop.observability;

import java.time.Clock;

/**
 * One log line and one set of metrics per batch of stream records (see {@link StreamBatch}). The stream function
 * calls {@link #start()} when a batch arrives and {@link StreamBatch#finish()} when it has answered Lambda.
 */
public final class StreamBatchLog {

    private final Metrics metrics;
    private final DynamoDbRequestMetrics dynamoDb;
    private final Clock clock;

    public StreamBatchLog(Metrics metrics, DynamoDbRequestMetrics dynamoDb, Clock clock) {
        this.metrics = metrics;
        this.dynamoDb = dynamoDb;
        this.clock = clock;
    }

    public StreamBatch start() {
        return new StreamBatch(metrics, dynamoDb, clock);
    }
}
