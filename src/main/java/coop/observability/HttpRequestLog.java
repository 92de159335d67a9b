package coop.observability;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One log line and one set of metrics per HTTP request. The line carries ids, never payloads: no {@code event_data},
 * no names, no token. In AWS the fields travel as the JSON line's {@code mdc} object (with Lambda's
 * {@code AWSRequestId}); locally the message itself reads {@code POST /aggregates/... 201 12 ms tenant=...}.
 */
public final class HttpRequestLog {

    private static final Logger LOG = Logger.getLogger("coop.http");
    private static final Set<String> CONFLICTS = Set.of("concurrency_conflict", "event_id_conflict");

    private final Metrics metrics;
    private final DynamoDbRequestMetrics dynamoDb;

    public HttpRequestLog(Metrics metrics, DynamoDbRequestMetrics dynamoDb) {
        this.metrics = metrics;
        this.dynamoDb = dynamoDb;
    }

    /** What was served: the route key (or {@code unmatched}), ids, and the error code of a 4xx/5xx answer. */
    public record Served(String requestId, String route, int status, long latencyMillis, String tenant,
                         String correlationId, List<String> eventIds, String error) {
    }

    public void served(Served served) {
        log(served);
        MetricsLogger request = metrics.start("Route", served.route());
        request.putMetric("Requests", 1, Unit.COUNT);
        request.putMetric("Latency", served.latencyMillis(), Unit.MILLISECONDS);
        request.putMetric("ClientErrors", served.status() >= 400 && served.status() < 500 ? 1 : 0, Unit.COUNT);
        request.putMetric("ServerErrors", served.status() >= 500 ? 1 : 0, Unit.COUNT);
        if (served.status() == 201 && !served.eventIds().isEmpty()) {
            request.putMetric("Appends", 1, Unit.COUNT);
            request.putMetric("Events", served.eventIds().size(), Unit.COUNT);
        }
        if (served.error() != null && CONFLICTS.contains(served.error())) {
            request.putMetric("Conflicts", 1, Unit.COUNT);
        }
        if ("rule_violation".equals(served.error())) {
            request.putMetric("RuleViolations", 1, Unit.COUNT);
        }
        Metrics.flush(request);
        dynamoDb.drain(metrics);
    }

    private static void log(Served served) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", served.requestId());
        fields.put("lambda_request_id", MDC.get("AWSRequestId"));
        fields.put("route", served.route());
        fields.put("status", served.status());
        fields.put("latency_ms", served.latencyMillis());
        fields.put("tenant", served.tenant());
        fields.put("correlation_id", served.correlationId());
        fields.put("event_ids", served.eventIds().isEmpty() ? null : String.join(",", served.eventIds()));
        fields.put("error", served.error());
        Traces.currentTraceId().ifPresent(trace -> fields.put("trace_id", trace));
        fields.values().removeIf(value -> value == null);
        StringBuilder text = new StringBuilder(served.route()).append(' ').append(served.status()).append(' ')
                .append(served.latencyMillis()).append(" ms");
        fields.forEach((name, value) -> {
            if (!name.equals("route") && !name.equals("status") && !name.equals("latency_ms")) {
                text.append(' ').append(name).append('=').append(value);
            }
        });
        fields.forEach(MDC::put);
        try {
            if (served.status() >= 500) {
                LOG.error(text);
            } else {
                LOG.info(text);
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
