package coop.config;

import coop.observability.DynamoDbRequestMetrics;
import coop.observability.HttpRequestLog;
import coop.observability.Metrics;
import coop.observability.StreamBatchLog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the request and stream-batch logs and the EMF metrics they write. */
public class ObservabilityBeans {

    @Produces
    @Singleton
    Metrics metrics(MetricsSettings settings) {
        return new Metrics(settings.namespace(), switch (settings.output()) {
            case STDOUT -> Metrics.toStdout();
            case LOG -> Metrics.toLog();
        });
    }

    @Produces
    @Singleton
    HttpRequestLog httpRequestLog(Metrics metrics, DynamoDbRequestMetrics dynamoDb) {
        return new HttpRequestLog(metrics, dynamoDb);
    }

    @Produces
    @Singleton
    StreamBatchLog streamBatchLog(Metrics metrics, DynamoDbRequestMetrics dynamoDb, Clock clock) {
        return new StreamBatchLog(metrics, dynamoDb, clock);
    }
}
