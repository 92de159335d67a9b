package coop.testing;

import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.store.dynamodb.EventItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes long histories fast, as a bulk import would: the store's own event items, 25 to a BatchWriteItem. moto
 * copies every table on each TransactWriteItems, so thousands of events through the store's appends take minutes
 * there; the items, keys and indexes are the same.
 */
public final class BulkEvents {

    private BulkEvents() {
    }

    /** Stores {@code events} at the versions after {@code afterVersion}, all recorded at {@code at}. */
    public static void write(DynamoDbClient dynamo, String eventsTable, StreamId stream, long afterVersion,
                             List<NewEvent> events, Instant at) {
        List<WriteRequest> batch = new ArrayList<>();
        long version = afterVersion;
        for (NewEvent event : events) {
            RecordedEvent recorded = new RecordedEvent(event.eventId().orElseGet(() -> UUID.randomUUID().toString()),
                    event.eventType(), event.eventVersion(), stream, ++version, event.data(), at, "importer",
                    "import", Optional.empty());
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(EventItems.toItem(recorded)).build()).build());
            if (batch.size() == 25) {
                flush(dynamo, eventsTable, batch);
            }
        }
        flush(dynamo, eventsTable, batch);
    }

    private static void flush(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var unprocessed = dynamo.batchWriteItem(request -> request.requestItems(java.util.Map.of(table, batch)))
                .unprocessedItems();
        if (unprocessed.containsKey(table) && !unprocessed.get(table).isEmpty()) {
            throw new IllegalStateException(unprocessed.get(table).size() + " items were not written");
        }
        batch.clear();
    }
}
