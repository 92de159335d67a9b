package coop.observability;

import coop.store.RecordedEvent;
import coop.stream.Dispatched;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one batch of stream records did: records handled, failed and parked, the age of the oldest record, subscriber
 * failures per subscriber. Ids only in the log line (event, correlation, tenant), never payloads. Not thread-safe:
 * one batch is handled by one thread.
 */
public final class StreamBatch {

    private static final Logger LOG = Logger.getLogger("coop.stream");

    private final Metrics metrics;
    private final DynamoDbRequestMetrics dynamoDb;
    private final Clock clock;
    private final Instant started;
    private final List<String> eventIds = new ArrayList<>();
    private final List<String> failedEventIds = new ArrayList<>();
    private final List<String> parkedEventIds = new ArrayList<>();
    private final Set<String> tenants = new LinkedHashSet<>();
    private final Set<String> correlations = new LinkedHashSet<>();
    private final Map<String, Long> subscriberFailures = new TreeMap<>();
    private int records;
    private Instant oldest;

    StreamBatch(Metrics metrics, DynamoDbRequestMetrics dynamoDb, Clock clock) {
        this.metrics = metrics;
        this.dynamoDb = dynamoDb;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** A record of the batch arrived, written to the stream at {@code approximateCreation} (null: unknown). */
    public void received(Instant approximateCreation) {
        records++;
        age(approximateCreation);
    }

    /**
     * Notes what the dispatcher made of the batch's events: their ids, tenants and correlations, and the failures.
     *
     * @return the events that failed, to report back to Lambda
     */
    public List<RecordedEvent> dispatched(List<RecordedEvent> events, Dispatched result) {
        events.forEach(event -> {
            eventIds.add(event.eventId());
            tenants.add(event.stream().tenantId());
            correlations.add(event.correlationId());
        });
        result.failed().forEach(event -> failedEventIds.add(event.eventId()));
        result.parked().forEach(event -> parkedEventIds.add(event.eventId()));
        result.failuresBySubscriber().forEach((name, count) -> subscriberFailures.merge(name, (long) count, Long::sum));
        return result.failed();
    }

    /** Writes the batch's log line and metrics; never throws. */
    public void finish() {
        try {
            long millis = Duration.between(started, clock.instant()).toMillis();
            Long oldestAge = oldest == null ? null : Math.max(0, Duration.between(oldest, clock.instant()).toMillis());
            log(millis, oldestAge);
            MetricsLogger batch = metrics.start();
            batch.putMetric("StreamRecords", records, Unit.COUNT);
            batch.putMetric("StreamRecordFailures", failedEventIds.size(), Unit.COUNT);
            batch.putMetric("ParkedEvents", parkedEventIds.size(), Unit.COUNT);
            batch.putMetric("StreamBatchLatency", millis, Unit.MILLISECONDS);
            if (oldestAge != null) {
                batch.putMetric("OldestRecordAge", oldestAge, Unit.MILLISECONDS);
            }
            Metrics.flush(batch);
            metrics.counts("SubscriberFailures", "Subscriber", subscriberFailures);
            dynamoDb.drain(metrics);
        } catch (RuntimeException e) {
            LOG.warn("Could not log a stream batch", e);
        }
    }

    private void age(Instant approximateCreation) {
        if (approximateCreation != null && (oldest == null || approximateCreation.isBefore(oldest))) {
            oldest = approximateCreation;
        }
    }

    private void log(long millis, Long oldestAge) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lambda_request_id", MDC.get("AWSRequestId"));
        fields.put("records", records);
        fields.put("failed", failedEventIds.size());
        fields.put("latency_ms", millis);
        fields.put("oldest_age_ms", oldestAge);
        fields.put("event_ids", String.join(",", eventIds));
        fields.put("failed_event_ids", failedEventIds.isEmpty() ? null : String.join(",", failedEventIds));
        fields.put("parked_event_ids", parkedEventIds.isEmpty() ? null : String.join(",", parkedEventIds));
        fields.put("subscriber_failures", subscriberFailures.isEmpty() ? null : subscriberFailures.toString());
        fields.put("tenants", String.join(",", tenants));
        fields.put("correlation_ids", String.join(",", correlations));
        Traces.currentTraceId().ifPresent(trace -> fields.put("trace_id", trace));
        fields.values().removeIf(value -> value == null || "".equals(value));
        StringBuilder text = new StringBuilder("stream batch");
        fields.forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
        fields.forEach(MDC::put);
        try {
            if (failedEventIds.isEmpty() && parkedEventIds.isEmpty()) {
                LOG.info(text);
            } else {
                LOG.error(text);
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
