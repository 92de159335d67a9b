package coop.store.dynamodb;

import coop.store.NewEvent;
import coop.store.RecordedEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

/**
 * The backfill's part of keyed fingerprints: an id item stored with a plain hash of a payload that carries personal
 * values (by a release before keyed fingerprints) gets the keyed one an append computes today, so a retry still
 * matches it and the hash no longer lets anyone test a guessed value. An erased family's plain hashes are replaced by
 * HMACs under a key nobody holds. Conditional on the plain hash still being there: a second run changes nothing.
 */
final class FingerprintRewrites {

    private final DynamoDbClient dynamo;
    private final String eventIdsTable;
    private final PersonalData personal;

    FingerprintRewrites(DynamoDbClient dynamo, String eventIdsTable, PersonalData personal) {
        this.dynamo = dynamo;
        this.eventIdsTable = eventIdsTable;
        this.personal = personal;
    }

    /**
     * @param stored the event as stored (its personal values clear or sealed)
     * @param key    its aggregate's key, or a throwaway one when the aggregate was erased
     * @return whether the id item's fingerprint was replaced
     */
    boolean rewrite(RecordedEvent stored, byte[] key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(eventIdsTable)
                .key(EventIdItems.key(stored.tenantId(), stored.eventId())).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        EventIdItems.StoredId id = EventIdItems.fromItem(item);
        if (Fingerprints.isKeyed(id.fingerprint()) || !id.stream().equals(stored.stream())
                || id.version() != stored.aggregateVersion()) {
            return false; // keyed already, or the item is another event's (an id stored twice, left to the operator)
        }
        RecordedEvent opened = personal.open(stored);
        boolean erased = !opened.erasedFields().isEmpty();
        if (!erased && !personal.holdsClearValues(opened)) {
            return false; // no personal value: an append fingerprints it plainly too
        }
        NewEvent asAppended = new NewEvent(Optional.of(stored.eventId()), stored.eventType(), stored.eventVersion(),
                opened.data());
        try {
            dynamo.updateItem(request -> request.tableName(eventIdsTable).key(EventIdItems.key(stored.tenantId(),
                            stored.eventId()))
                    .updateExpression("SET #fingerprint = :keyed")
                    .conditionExpression("#fingerprint = :plain")
                    .expressionAttributeNames(Map.of("#fingerprint", EventIdItems.FINGERPRINT))
                    .expressionAttributeValues(Map.of(":keyed", EventItems.s(Fingerprints.keyed(asAppended, key)),
                            ":plain", EventItems.s(id.fingerprint()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyKeyed) {
            return false;
        }
    }
}
