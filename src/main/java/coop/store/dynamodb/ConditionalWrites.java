package coop.store.dynamodb;

import coop.store.RetryBackoff;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the items of one append in one {@code TransactWriteItems}, all or none: per event, its item on condition
 * that its (stream_id, version) is free and its id item on condition that the id is free; plus, after a stream's
 * first event, a check that the version they follow exists, so an expected version ahead of the stream cannot leave
 * a gap; and the aggregate's new data key when its first personal values are written. At most {@value #MAX_ACTIONS} actions, which is where {@code EventStore.MAX_EVENTS_PER_APPEND} comes from.
 */
final class ConditionalWrites {

    /** DynamoDB's limit on the actions of one transaction. */
    static final int MAX_ACTIONS = 100;

    /** A twin transaction in flight (real DynamoDB) is waited out this many times before giving up. */
    private static final int IN_FLIGHT_ATTEMPTS = 6;

    private static final String FAILED = "ConditionalCheckFailed";
    private static final String IN_FLIGHT = "TransactionConflict";
    private static final String NONE = "None";

    private final DynamoDbClient dynamo;
    private final String eventsTable;
    private final String idsTable;
    private final String keysTable;

    ConditionalWrites(DynamoDbClient dynamo, String eventsTable, String idsTable, String keysTable) {
        this.dynamo = dynamo;
        this.eventsTable = eventsTable;
        this.idsTable = idsTable;
        this.keysTable = keysTable;
    }

    /**
     * @param previous   the event the items follow and its chain hash (empty: unchained), checked as stored; empty
     *                   when they start the stream
     * @param eventItems the events' items, in order
     * @param idItems    their id items, in the same order
     * @param keyWrite   written last: the aggregate's new data key, on condition that it has none (the events are
     *                   sealed under it, so they must not land without it); or the record of an erasure, which
     *                   replaces the key whatever it is
     * @return empty when written; otherwise why the transaction was cancelled
     */
    Optional<Cancelled> write(Optional<Previous> previous,
                              List<Map<String, AttributeValue>> eventItems, List<Map<String, AttributeValue>> idItems,
                              Optional<KeyWrite> keyWrite) {
        List<TransactWriteItem> actions = new ArrayList<>();
        previous.ifPresent(check -> actions.add(TransactWriteItem.builder().conditionCheck(check.condition()
                .tableName(eventsTable).build()).build()));
        for (int i = 0; i < eventItems.size(); i++) {
            // Only an id's stored item is of use after a failed condition (it tells a retry from a reused id); a
            // taken version needs no more than its reason's code, so the winner's events are not sent back.
            actions.add(put(eventsTable, eventItems.get(i), EventItems.STREAM_ID,
                    ReturnValuesOnConditionCheckFailure.NONE));
            actions.add(put(idsTable, idItems.get(i), EventIdItems.EVENT_KEY,
                    ReturnValuesOnConditionCheckFailure.ALL_OLD));
        }
        keyWrite.ifPresent(key -> actions.add(key.onlyIfAbsent()
                ? put(keysTable, key.item(), KeyItems.STREAM_ID, ReturnValuesOnConditionCheckFailure.NONE)
                : TransactWriteItem.builder().put(Put.builder().tableName(keysTable).item(key.item()).build()).build()));
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException(actions.size() + " actions do not fit one transaction");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(request -> request.transactItems(actions));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                boolean inFlight = reasons.stream().anyMatch(reason -> IN_FLIGHT.equals(reason.code()));
                boolean failed = reasons.stream().anyMatch(reason -> FAILED.equals(reason.code()));
                if (inFlight && attempt < IN_FLIGHT_ATTEMPTS) {
                    // Another transaction on some of the same items is being applied: once it commits, this very
                    // write either lands or fails on conditions that say what that transaction stored, which the
                    // conditions that failed already (e.g. a version another append took) do not.
                    RetryBackoff.pause(attempt);
                    continue;
                }
                if (!failed && !inFlight) {
                    throw e;
                }
                return Optional.of(cancelled(reasons, previous.isPresent() ? 1 : 0, eventItems.size(),
                        keyWrite.isPresent()));
            }
        }
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String keyAttribute,
                                         ReturnValuesOnConditionCheckFailure onFailure) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(" + keyAttribute + ")")
                .returnValuesOnConditionCheckFailure(onFailure)
                .build()).build();
    }

    private static Cancelled cancelled(List<CancellationReason> reasons, int offset, int events, boolean withKey) {
        boolean versionTaken = offset == 1 && code(reasons, 0).equals(FAILED);
        List<Optional<Map<String, AttributeValue>>> storedIds = new ArrayList<>();
        boolean idsUnclear = false;
        for (int i = 0; i < events; i++) {
            int eventAction = offset + 2 * i;
            versionTaken |= !code(reasons, eventAction).equals(NONE);
            String idCode = code(reasons, eventAction + 1);
            CancellationReason idReason = eventAction + 1 < reasons.size() ? reasons.get(eventAction + 1) : null;
            if (idCode.equals(FAILED) && idReason.hasItem() && !idReason.item().isEmpty()) {
                storedIds.add(Optional.of(idReason.item()));
            } else {
                storedIds.add(Optional.empty());
                idsUnclear |= !idCode.equals(NONE);
            }
        }
        boolean keyTaken = withKey && code(reasons, offset + 2 * events).equals(FAILED);
        return new Cancelled(versionTaken, idsUnclear, storedIds, keyTaken);
    }

    private static String code(List<CancellationReason> reasons, int action) {
        // A reason without a code, or a missing one, is reported as unclear rather than as "no problem".
        return action < reasons.size() && reasons.get(action).code() != null ? reasons.get(action).code() : "Unknown";
    }

    /**
     * The event an append follows, checked in the same transaction: it exists, and its chain hash is the one the new
     * events were chained on (or it has none, and they are not chained either).
     */
    record Previous(Map<String, AttributeValue> key, Optional<String> chainHash) {

        ConditionCheck.Builder condition() {
            String exists = "attribute_exists(" + EventItems.STREAM_ID + ")";
            ConditionCheck.Builder check = ConditionCheck.builder().key(key);
            return chainHash.map(hash -> check
                            .conditionExpression(exists + " AND " + EventItems.CHAIN_HASH + " = :previous_hash")
                            .expressionAttributeValues(Map.of(":previous_hash", EventItems.s(hash))))
                    .orElseGet(() -> check.conditionExpression(
                            exists + " AND attribute_not_exists(" + EventItems.CHAIN_HASH + ")"));
        }
    }

    /** The aggregate's key item to write with the events, and whether only where the aggregate has none. */
    record KeyWrite(Map<String, AttributeValue> item, boolean onlyIfAbsent) {
    }

    /**
     * Why a transaction was cancelled.
     *
     * @param versionTaken a version was taken, or the previous version is missing (or a twin was still in flight)
     * @param idsUnclear   some id's condition failed without handing back the stored item, or its reason is
     *                     unknown: read the ids to know
     * @param storedIds    per event, the stored id item DynamoDB handed back when the id was taken
     * @param keyTaken     the aggregate got a data key since this append looked: seal again under that one
     */
    record Cancelled(boolean versionTaken, boolean idsUnclear, List<Optional<Map<String, AttributeValue>>> storedIds,
                     boolean keyTaken) {
    }
}
