package coop.observability;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the DynamoDB client's calls per operation, and those refused for throttling, until the HTTP request or
 * stream batch that made them writes its metrics ({@link #drain}). Registered on the Quarkus client through
 * {@code quarkus.dynamodb.interceptors}.
 */
@Singleton
@Unremovable
public class DynamoDbRequestMetrics implements ExecutionInterceptor {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.computeIfAbsent(operation(attributes), key -> new LongAdder()).increment();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof SdkServiceException service && service.isThrottlingException()) {
            throttled.computeIfAbsent(operation(attributes), key -> new LongAdder()).increment();
        }
    }

    /** Writes the counts since the last drain as {@code DynamoDbRequests} and {@code DynamoDbThrottles} per operation. */
    void drain(Metrics metrics) {
        metrics.counts("DynamoDbRequests", "Operation", take(requests));
        metrics.counts("DynamoDbThrottles", "Operation", take(throttled));
    }

    private static Map<String, Long> take(Map<String, LongAdder> counters) {
        Map<String, Long> counts = new TreeMap<>();
        for (String operation : counters.keySet()) {
            LongAdder counter = counters.remove(operation);
            if (counter != null && counter.sum() > 0) {
                counts.put(operation, counter.sum());
            }
        }
        return counts;
    }

    private static String operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }
}
