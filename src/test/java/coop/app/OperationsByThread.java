package coop.app;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DynamoDB operations each thread sent, in its order (a synchronous client calls interceptors on the caller's
 * thread), so a race test can tell which of its writes had a load before them.
 */
final class OperationsByThread implements ExecutionInterceptor {

    private final Map<String, List<String>> operations = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.computeIfAbsent(Thread.currentThread().getName(),
                        name -> Collections.synchronizedList(new ArrayList<>()))
                .add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    void clear() {
        operations.clear();
    }

    long count(String operation) {
        return operations.values().stream().flatMap(List::stream).filter(operation::equals).count();
    }

    /**
     * Writes that no read came before: a thread's first request, or one right after a write. With {@code lost}, only
     * those whose condition failed (the store then reads the stream's actual version).
     */
    long warmWrites(boolean lost) {
        long warm = 0;
        for (List<String> sent : operations.values()) {
            for (int i = 0; i < sent.size(); i++) {
                boolean noReadBefore = i == 0 || sent.get(i - 1).equals("TransactWriteItems");
                boolean lostIt = i + 1 < sent.size() && sent.get(i + 1).equals("Query");
                if (sent.get(i).equals("TransactWriteItems") && noReadBefore && (!lost || lostIt)) {
                    warm++;
                }
            }
        }
        return warm;
    }
}
