package coop.store.dynamodb;

import coop.store.BackfillPage;
import coop.store.DuplicateEventId;
import coop.store.EventBackfill;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backfill on DynamoDB: a parallel scan of the events table, per event two conditional writes that only add
 * what is missing, and per page the sealing of clear personal values ({@link ClearDataSealing}). The id item is put on {@code attribute_not_exists}: an existing item for the same position is
 * this event's (written by its append or an earlier backfill); one for another position is a duplicate id from
 * before ids were unique, reported and never overwritten. The time-version key is set on
 * {@code attribute_not_exists} too, computed exactly as an append computes it.
 */
public final class DynamoDbEventBackfill implements EventBackfill {

    private final DynamoDbClient dynamo;
    private final String eventsTable;
    private final String eventIdsTable;
    private final Optional<ClearDataSealing> sealing;
    private final StreamChaining chaining;

    /** A backfill of id items and time keys only, for stores that hold no personal data. */
    public DynamoDbEventBackfill(DynamoDbClient dynamo, String eventsTable, String eventIdsTable) {
        this(dynamo, eventsTable, eventIdsTable, Optional.empty());
    }

    /**
     * A backfill that also seals personal values stored in clear, in the events and in the snapshots and rows of
     * their aggregates.
     *
     * @param stateRowsOfModel per read model whose rows show an aggregate's state, that aggregate and its personal state fields
     */
    public DynamoDbEventBackfill(DynamoDbClient dynamo, StoreSettings tables, String readModelsTable,
                                 PersonalData personal, Map<String, StateRows> stateRowsOfModel) {
        this(dynamo, tables.eventsTable(), tables.eventIdsTable(), Optional.of(new ClearDataSealing(dynamo,
                tables.eventsTable(), tables.eventIdsTable(), tables.snapshotsTable(), readModelsTable, personal,
                stateRowsOfModel)));
    }

    private DynamoDbEventBackfill(DynamoDbClient dynamo, String eventsTable, String eventIdsTable,
                                  Optional<ClearDataSealing> sealing) {
        this.dynamo = dynamo;
        this.eventsTable = eventsTable;
        this.eventIdsTable = eventIdsTable;
        this.sealing = sealing;
        // Chaining covers the stored form: a stream whose events this backfill has still to seal is chained only
        // once they are (the page that seals the last of them chains it).
        this.chaining = new StreamChaining(dynamo, eventsTable,
                event -> sealing.map(clear -> clear.holdsClearValues(event)).orElse(false));
    }

    @Override
    public BackfillPage backfill(int segment, int totalSegments, Optional<String> after, int pageSize) {
        ScanResponse page = dynamo.scan(request -> request.tableName(eventsTable).consistentRead(true)
                .segment(segment).totalSegments(totalSegments).limit(pageSize)
                .exclusiveStartKey(after.map(EventTableScan::key).orElse(null)));
        int idsAdded = 0;
        int timeKeysAdded = 0;
        List<DuplicateEventId> duplicates = new ArrayList<>();
        List<RecordedEvent> events = page.items().stream().map(EventItems::fromItem).toList();
        // A scan page holds events of many streams in no order: a chain is built by walking its stream instead.
        Set<StreamId> unchained = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Map<String, AttributeValue> item = page.items().get(i);
            RecordedEvent event = events.get(i);
            if (addIdItem(event, duplicates)) {
                idsAdded++;
            }
            if (!item.containsKey(EventItems.TIME_VERSION) && addTimeKey(event)) {
                timeKeysAdded++;
            }
            if (!item.containsKey(EventItems.CHAIN_HASH)) {
                unchained.add(event.stream());
            }
        }
        // Sealing first: the chain covers the sealed form, so a value sealed after chaining would break it.
        int sealed = sealing.map(clear -> clear.seal(events)).orElse(0);
        int chained = unchained.stream().mapToInt(chaining::chain).sum();
        Optional<String> next = LastKeys.of(page).map(EventTableScan::position);
        return new BackfillPage(page.items().size(), idsAdded, timeKeysAdded, chained, duplicates, sealed, next);
    }

    /** @return whether the item was added; a taken id that names another position goes to {@code duplicates} */
    private boolean addIdItem(RecordedEvent event, List<DuplicateEventId> duplicates) {
        NewEvent asWritten = new NewEvent(Optional.of(event.eventId()), event.eventType(), event.eventVersion(),
                event.data());
        try {
            dynamo.putItem(request -> request.tableName(eventIdsTable)
                    // Plain, as earlier releases wrote it; the sealing of the same page keys it where it must be.
                    .item(EventIdItems.toItem(event.stream(), event.aggregateVersion(), asWritten,
                            event.correlationId(), Fingerprints.plain(asWritten)))
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", EventIdItems.EVENT_KEY))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            EventIdItems.StoredId stored = EventIdItems.fromItem(taken.item());
            if (!stored.stream().equals(event.stream()) || stored.version() != event.aggregateVersion()) {
                duplicates.add(new DuplicateEventId(event.tenantId(), event.eventId(), stored.stream(),
                        stored.version(), event.stream(), event.aggregateVersion()));
            }
            return false;
        }
    }

    private boolean addTimeKey(RecordedEvent event) {
        try {
            dynamo.updateItem(request -> request.tableName(eventsTable)
                    .key(Map.of(EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(event.stream())),
                            EventItems.VERSION, EventItems.n(event.aggregateVersion())))
                    .updateExpression("SET #tv = :tv")
                    .conditionExpression("attribute_exists(#stream) AND attribute_not_exists(#tv)")
                    .expressionAttributeNames(Map.of("#tv", EventItems.TIME_VERSION, "#stream", EventItems.STREAM_ID))
                    .expressionAttributeValues(Map.of(":tv",
                            EventItems.s(EventItems.timeVersion(event.timestamp(), event.aggregateVersion())))));
            return true;
        } catch (ConditionalCheckFailedException alreadySet) {
            return false;
        }
    }
}
