package coop.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes event items so that each (stream_id, version) is written once and no version is skipped: a batch lands
 * whole or not at all, in one request.
 *
 * <p>The first event of a stream is one conditional {@code PutItem}. Later appends are one
 * {@code TransactWriteItems}: the puts, each on condition that its version is free, plus a check that the version
 * they follow exists, so an expected version ahead of the stream cannot leave a gap.
 */
final class ConditionalWrites {

    private static final String NOT_WRITTEN_YET = "attribute_not_exists(" + EventItems.STREAM_ID + ")";
    private static final String WRITTEN = "attribute_exists(" + EventItems.STREAM_ID + ")";

    /** DynamoDB's limit on the actions of one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    /** Cancellation codes that mean "someone else got there first", as opposed to a failure worth surfacing. */
    private static final Set<String> LOST_RACE = Set.of("ConditionalCheckFailed", "TransactionConflict");

    private final DynamoDbClient dynamo;
    private final String table;

    ConditionalWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param previous the key of the event the items follow; empty when they start the stream
     * @throws PositionTaken with the stored items DynamoDB handed back (ALL_OLD), when any version is taken or
     *                       {@code previous} does not exist
     */
    void putAll(List<Map<String, AttributeValue>> items, Optional<Map<String, AttributeValue>> previous)
            throws PositionTaken {
        if (previous.isEmpty() && items.size() == 1) {
            putOne(items.getFirst());
            return;
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        if (previous.isPresent()) {
            if (items.size() < MAX_TRANSACTION_ITEMS) {
                actions.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                        .tableName(table).key(previous.get()).conditionExpression(WRITTEN).build()).build());
            } else if (!exists(previous.get())) {
                // A full batch leaves no room for the check in the transaction. Versions are never deleted, so
                // one consistent read now is as good as the check: the previous version cannot vanish after it.
                throw new PositionTaken(List.of());
            }
        }
        items.forEach(item -> actions.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(NOT_WRITTEN_YET)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build()));
        putInTransaction(actions);
    }

    private boolean exists(Map<String, AttributeValue> key) {
        return dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true)
                .projectionExpression(EventItems.STREAM_ID)).hasItem();
    }

    private void putOne(Map<String, AttributeValue> item) throws PositionTaken {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression(NOT_WRITTEN_YET)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new PositionTaken(e.hasItem() ? List.of(e.item()) : List.of());
        }
    }

    private void putInTransaction(List<TransactWriteItem> actions) throws PositionTaken {
        try {
            dynamo.transactWriteItems(request -> request.transactItems(actions));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            boolean lostRace = reasons.stream().map(CancellationReason::code).anyMatch(LOST_RACE::contains);
            if (!lostRace) {
                throw e;
            }
            throw new PositionTaken(reasons.stream()
                    .filter(reason -> "ConditionalCheckFailed".equals(reason.code()))
                    .map(CancellationReason::item)
                    .filter(Objects::nonNull)
                    .filter(item -> !item.isEmpty())
                    .toList());
        }
    }
}
