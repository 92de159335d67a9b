package coop.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the operation name of every DynamoDB request the SDK sends, so tests can assert request budgets. */
public final class RequestCounter implements ExecutionInterceptor {

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<String> indexes = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (context.request() instanceof QueryRequest query && query.indexName() != null) {
            indexes.add(query.indexName());
        }
    }

    public void reset() {
        operations.clear();
        indexes.clear();
    }

    /** The operations sent since the last reset, in order, e.g. {@code [Query, PutItem]}. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** The secondary indexes queried since the last reset, in order. */
    public List<String> queriedIndexes() {
        return List.copyOf(indexes);
    }
}
