package coop.testing;

import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the operation name of every DynamoDB request the SDK sends, so tests can assert request budgets, and what
 * the reads brought back: items, and response bytes (the HTTP bodies' Content-Length).
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<String> indexes = new CopyOnWriteArrayList<>();
    private final List<String> callTimeouts = new CopyOnWriteArrayList<>();
    private final AtomicLong itemsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        operations.add(operation);
        context.request().overrideConfiguration().flatMap(RequestOverrideConfiguration::apiCallTimeout)
                .ifPresent(timeout -> callTimeouts.add(operation + " " + timeout));
        if (context.request() instanceof QueryRequest query && query.indexName() != null) {
            indexes.add(query.indexName());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse query) {
            itemsRead.addAndGet(query.count() == null ? query.items().size() : query.count());
        } else if (context.response() instanceof GetItemResponse get && get.hasItem()) {
            itemsRead.incrementAndGet();
        }
        context.httpResponse().firstMatchingHeader("Content-Length")
                .ifPresent(length -> bytesRead.addAndGet(Long.parseLong(length)));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A cancelled transaction or a failed condition is an error answer, but its body (e.g. the items handed back
        // with failed conditions) travels all the same.
        context.httpResponse().flatMap(response -> response.firstMatchingHeader("Content-Length"))
                .ifPresent(length -> bytesRead.addAndGet(Long.parseLong(length)));
    }

    public void reset() {
        operations.clear();
        indexes.clear();
        callTimeouts.clear();
        itemsRead.set(0);
        bytesRead.set(0);
    }

    /** The operations sent since the last reset, in order, e.g. {@code [Query, PutItem]}. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** The requests that set their own call time limit since the last reset, e.g. {@code PutItem PT1S}. */
    public List<String> callTimeouts() {
        return List.copyOf(callTimeouts);
    }

    /** The secondary indexes queried since the last reset, in order. */
    public List<String> queriedIndexes() {
        return List.copyOf(indexes);
    }

    /** Items that queries and gets returned since the last reset. */
    public long itemsRead() {
        return itemsRead.get();
    }

    /** Response body bytes of every request since the last reset, error answers included. */
    public long bytesRead() {
        return bytesRead.get();
    }
}
