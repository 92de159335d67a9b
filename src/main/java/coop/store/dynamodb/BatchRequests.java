package coop.store.dynamodb;

import coop.store.RetryBackoff;
import coop.store.StoreBusy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Many items of one table in as few requests as DynamoDB allows: {@code BatchGetItem} (100 keys, strongly
 * consistent) and {@code BatchWriteItem} (25 puts), sending again what DynamoDB hands back unprocessed.
 */
final class BatchRequests {

    static final int MAX_GET = 100;
    static final int MAX_WRITE = 25;
    private static final int MAX_ROUNDS = 8;

    private BatchRequests() {
    }

    /** The items stored under {@code keys} (duplicates asked once), in no particular order; missing ones are absent. */
    static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                 List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_GET) {
            List<Map<String, AttributeValue>> chunk = distinct.subList(from, Math.min(from + MAX_GET, distinct.size()));
            Map<String, KeysAndAttributes> pending = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            for (int round = 1; !pending.isEmpty(); round++) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                pause(pending.isEmpty(), round);
            }
        }
        return items;
    }

    /** Puts every item, unconditionally. */
    static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += MAX_WRITE) {
            List<WriteRequest> chunk = items.subList(from, Math.min(from + MAX_WRITE, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
            for (int round = 1; !pending.isEmpty(); round++) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                pause(pending.isEmpty(), round);
            }
        }
    }

    private static void pause(boolean done, int round) {
        if (done) {
            return;
        }
        if (round >= MAX_ROUNDS) {
            throw new StoreBusy("DynamoDB left items unprocessed after " + round + " rounds");
        }
        RetryBackoff.pause(round);
    }
}
