package coop.observability;

import coop.notify.NoticeCounts;
import org.jboss.logging.Logger;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The application's CloudWatch metrics, written as Embedded Metric Format lines by AWS's EMF library. One
 * {@link MetricsLogger} per unit of work (an HTTP request, a stream batch), so concurrent work never mixes.
 *
 * <p>Every metric is emitted with its own dimension (route, operation, subscriber) and once without, so an alarm can
 * watch the total without naming every route.
 */
public final class Metrics implements NoticeCounts {

    private static final Logger LOG = Logger.getLogger(Metrics.class);

    private final String namespace;
    private final EmfLines output;

    public Metrics(String namespace, Consumer<String> out) {
        this.namespace = namespace;
        this.output = new EmfLines(out);
    }

    /** Metrics go to the log category {@code coop.metrics} at DEBUG: local runs and tests. */
    public static Consumer<String> toLog() {
        Logger log = Logger.getLogger("coop.metrics");
        return line -> log.debug(line);
    }

    /** Metrics go to stdout, one line each: Lambda, where CloudWatch reads them from the log. */
    public static Consumer<String> toStdout() {
        return System.out::println;
    }

    /** A logger for one unit of work, with no dimension. */
    MetricsLogger start() {
        MetricsLogger metrics = new MetricsLogger(output);
        metrics.setNamespace(namespace);
        metrics.setDimensions(new DimensionSet());
        return metrics;
    }

    /** A logger for one unit of work, dimensioned by {@code name=value} and by nothing. */
    MetricsLogger start(String name, String value) {
        MetricsLogger metrics = new MetricsLogger(output);
        metrics.setNamespace(namespace);
        metrics.setDimensions(DimensionSet.of(name, value), new DimensionSet());
        return metrics;
    }

    /** Writes {@code metrics}; a failure here must never fail the work it measures. */
    static void flush(MetricsLogger metrics) {
        try {
            metrics.flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not write metrics", e);
        }
    }

    /**
     * Writes one document to nowhere, so that the EMF library's first serialisation (its own Jackson mapper and
     * model classes, some 50-300 ms) happens at start-up, inside SnapStart's snapshot, rather than in a user's call.
     */
    public void warmUp() {
        MetricsLogger warm = new MetricsLogger(new EmfLines(line -> { }));
        warm.setNamespace(namespace);
        warm.setDimensions(new DimensionSet());
        warm.putMetric("WarmUp", 0, Unit.COUNT);
        flush(warm);
    }

    /** One count per key, each under its own {@code dimension}, e.g. DynamoDB requests per operation. */
    void counts(String metric, String dimension, Map<String, Long> counts) {
        counts.forEach((key, count) -> {
            MetricsLogger metrics = start(dimension, key);
            metrics.putMetric(metric, count, Unit.COUNT);
            flush(metrics);
        });
    }

    /**
     * A snapshot could not be written (the load that wanted it still answered). For the code that saves snapshots
     * ({@code AggregateRepository}); alarms and dashboards read {@code SnapshotWriteFailures}.
     */
    public void snapshotWriteFailed(String aggregateType) {
        counts("SnapshotWriteFailures", "AggregateType", Map.of(aggregateType, 1L));
    }

    /** A notice went out ({@code NoticesSent} by {@code NoticeKind}). */
    @Override
    public void noticeSent(String kind) {
        counts("NoticesSent", "NoticeKind", Map.of(kind, 1L));
    }

    /** Notices decided not to be sent, by why ({@code NoticesSkipped} by {@code Reason}: opted_out, too_old, ...). */
    @Override
    public void noticesSkipped(String reason, long count) {
        counts("NoticesSkipped", "Reason", Map.of(reason, count));
    }

    /** A notice the provider refused on its last attempt; nobody will retry it. The alarm watches this. */
    @Override
    public void noticeSendFailed(String kind) {
        counts("NoticeSendFailures", "NoticeKind", Map.of(kind, 1L));
    }

    /**
     * What a scheduled chain audit found ({@code coop.schedule.ChainAudit}); the template alarms on
     * {@code ChainVerificationFailures}. Streams not chained yet (before the backfill) are counted apart.
     */
    public void chainVerification(long verified, long notChained, long broken) {
        MetricsLogger metrics = start();
        metrics.putMetric("ChainsVerified", verified, Unit.COUNT);
        metrics.putMetric("ChainsNotChained", notChained, Unit.COUNT);
        metrics.putMetric("ChainVerificationFailures", broken, Unit.COUNT);
        flush(metrics);
    }
}
