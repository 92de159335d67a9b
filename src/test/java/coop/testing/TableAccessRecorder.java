package coop.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records which IAM action on which table or index each DynamoDB request needs, per deployed function: the harness
 * names the function around each invocation ({@link #as}), on the invoking thread, as one Lambda runs one function.
 * Requests made outside an invocation (a test's own setup) are not recorded. Registered on the application's client
 * through {@code quarkus.dynamodb.interceptors} by the tests that want it.
 */
public final class TableAccessRecorder implements ExecutionInterceptor {

    /** One function's use of one action on one table ({@code table}) or index ({@code table/index/name}). */
    public record Access(String function, String resource, String action) {
    }

    private record Need(String resource, String action) {
    }

    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
    private static final Set<Access> ACCESSES = ConcurrentHashMap.newKeySet();

    /** Runs {@code invocation} as one invocation of {@code function}. */
    public static <T> T as(String function, Supplier<T> invocation) {
        String outer = FUNCTION.get();
        FUNCTION.set(function);
        try {
            return invocation.get();
        } finally {
            FUNCTION.set(outer);
        }
    }

    public static Set<Access> accesses() {
        return Set.copyOf(ACCESSES);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = FUNCTION.get();
        if (function == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Need need : needs(operation, context.request())) {
            ACCESSES.add(new Access(function, need.resource(), "dynamodb:" + need.action()));
        }
    }

    /**
     * IAM authorizes a transaction per item, with the item's own action ({@code PutItem}, {@code ConditionCheckItem},
     * ...), and a batch per table; a query or scan of an index is authorized on the index's ARN, not the table's.
     */
    private static List<Need> needs(String operation, SdkRequest request) {
        List<Need> needs = new ArrayList<>();
        switch (request) {
            case TransactWriteItemsRequest transaction -> transaction.transactItems()
                    .forEach(item -> needs.add(writeItem(item)));
            case TransactGetItemsRequest transaction -> transaction.transactItems()
                    .forEach(item -> needs.add(new Need(item.get().tableName(), "GetItem")));
            case BatchGetItemRequest batch -> batch.requestItems().keySet()
                    .forEach(table -> needs.add(new Need(table, operation)));
            case BatchWriteItemRequest batch -> batch.requestItems().keySet()
                    .forEach(table -> needs.add(new Need(table, operation)));
            case QueryRequest query -> needs.add(new Need(onIndex(query.tableName(), query.indexName()), operation));
            case ScanRequest scan -> needs.add(new Need(onIndex(scan.tableName(), scan.indexName()), operation));
            default -> request.getValueForField("TableName", String.class)
                    .ifPresentOrElse(table -> needs.add(new Need(table, operation)),
                            () -> needs.add(new Need("*", operation)));
        }
        return needs;
    }

    private static Need writeItem(TransactWriteItem item) {
        if (item.put() != null) {
            return new Need(item.put().tableName(), "PutItem");
        }
        if (item.update() != null) {
            return new Need(item.update().tableName(), "UpdateItem");
        }
        if (item.delete() != null) {
            return new Need(item.delete().tableName(), "DeleteItem");
        }
        return new Need(item.conditionCheck().tableName(), "ConditionCheckItem");
    }

    private static String onIndex(String table, String index) {
        return Optional.ofNullable(index).map(name -> table + "/index/" + name).orElse(table);
    }
}
