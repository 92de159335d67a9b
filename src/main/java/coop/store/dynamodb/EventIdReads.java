package coop.store.dynamodb;

import coop.store.NewEvent;
import coop.store.RecordedEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the event-ids table, always consistently: an id reserved a moment ago is seen. */
final class EventIdReads {

    private final DynamoDbClient dynamo;
    private final String idsTable;
    private final String eventsTable;

    EventIdReads(DynamoDbClient dynamo, String idsTable, String eventsTable) {
        this.dynamo = dynamo;
        this.idsTable = idsTable;
        this.eventsTable = eventsTable;
    }

    /** One event by id: its id item, then its event item, both read consistently. */
    Optional<RecordedEvent> findEvent(String tenantId, String eventId) {
        Map<String, AttributeValue> id = dynamo.getItem(request -> request.tableName(idsTable)
                .key(EventIdItems.key(tenantId, eventId)).consistentRead(true)).item();
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        EventIdItems.StoredId stored = EventIdItems.fromItem(id);
        Map<String, AttributeValue> event = dynamo.getItem(request -> request.tableName(eventsTable)
                .key(Map.of(EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(stored.stream())),
                        EventItems.VERSION, EventItems.n(stored.version())))
                .consistentRead(true)).item();
        return event == null || event.isEmpty() ? Optional.empty() : Optional.of(EventItems.fromItem(event));
    }

    /**
     * Per event, its id as stored, or empty when the id is free or the event has none: one consistent
     * {@code BatchGetItem} (an append's ids fit one), repeated for keys DynamoDB left unprocessed, a bounded number
     * of times.
     */
    List<Optional<EventIdItems.StoredId>> find(String tenantId, List<NewEvent> events) {
        List<Map<String, AttributeValue>> keys = events.stream().flatMap(event -> event.eventId().stream())
                .map(id -> EventIdItems.key(tenantId, id)).toList();
        Map<String, EventIdItems.StoredId> found = new HashMap<>();
        BatchRequests.get(dynamo, idsTable, keys).stream().map(EventIdItems::fromItem)
                .forEach(stored -> found.put(stored.eventId(), stored));
        List<Optional<EventIdItems.StoredId>> stored = new ArrayList<>();
        events.forEach(event -> stored.add(event.eventId().map(found::get)));
        return stored;
    }
}
