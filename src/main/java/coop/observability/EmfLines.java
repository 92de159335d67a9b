package coop.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where the EMF library's documents go: one JSON line each, to {@code out}. In Lambda every stdout line is a
 * CloudWatch log event, and CloudWatch turns each EMF document into metrics; nothing is sent anywhere else, so the
 * library never probes for an agent or an EC2 metadata endpoint.
 */
final class EmfLines implements Environment, ISink {

    private final Consumer<String> out;

    EmfLines(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void accept(MetricsContext context) {
        try {
            context.serialize().forEach(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise metrics", e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "coop";
    }

    @Override
    public String getType() {
        return "AWS::Lambda::Function";
    }

    @Override
    public String getLogGroupName() {
        return "";
    }

    @Override
    public void configureContext(MetricsContext context) {
        // The trace of this invocation, so a metric's log line leads to its X-Ray trace.
        Traces.currentTraceId().ifPresent(trace -> context.putProperty("trace_id", trace));
    }

    @Override
    public ISink getSink() {
        return this;
    }
}
