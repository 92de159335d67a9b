package coop.store.dynamodb;

import coop.keys.FieldCipher;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backfill's sealing of personal values that releases before sealing stored in clear: in events (the one time
 * a stored event changes), in snapshots and in read-model rows. Each rewrite is an {@code UpdateItem} on condition
 * that the item still holds the very clear text it was read with, so a sealed or newer item is never overwritten and
 * a second run finds nothing to do. The events table's stream carries each rewrite as a {@code MODIFY} record, which
 * the stream function ignores; its image holds the sealed values only.
 */
final class ClearDataSealing {

    private final DynamoDbClient dynamo;
    private final String eventsTable;
    private final String snapshotsTable;
    private final String readModelsTable;
    private final PersonalData personal;
    private final BackfillKeys keys;
    private final FingerprintRewrites fingerprints;
    /** Per read model whose rows show an aggregate's state (row id = aggregate id), that aggregate and its fields. */
    private final Map<String, StateRows> stateRowsOfModel;

    ClearDataSealing(DynamoDbClient dynamo, String eventsTable, String eventIdsTable, String snapshotsTable,
                     String readModelsTable, PersonalData personal, Map<String, StateRows> stateRowsOfModel) {
        this.dynamo = dynamo;
        this.eventsTable = eventsTable;
        this.snapshotsTable = snapshotsTable;
        this.readModelsTable = readModelsTable;
        this.personal = personal;
        this.keys = new BackfillKeys(personal);
        this.fingerprints = new FingerprintRewrites(dynamo, eventIdsTable, personal);
        this.stateRowsOfModel = Map.copyOf(stateRowsOfModel);
    }

    /**
     * Seals the clear personal values of a page of stored events and keys their id items' fingerprints, then the
     * clear snapshots and rows of every aggregate with a personal event on the page (a page redone after a crash
     * finds its events sealed and still reaches their snapshots and rows).
     *
     * @return how many items it sealed
     */
    /** Whether the stored event still carries a personal value in clear, to be sealed by this backfill. */
    boolean holdsClearValues(RecordedEvent event) {
        return personal.declaresPersonal(event) && personal.holdsClearValues(event);
    }

    int seal(List<RecordedEvent> events) {
        Map<StreamId, Optional<byte[]>> found = new HashMap<>();
        Set<StreamId> personalStreams = new LinkedHashSet<>();
        int sealed = 0;
        for (RecordedEvent event : events) {
            if (!personal.declaresPersonal(event)) {
                continue;
            }
            personalStreams.add(event.stream());
            if (personal.holdsClearValues(event)) {
                Optional<byte[]> key = found.getOrDefault(event.stream(), Optional.empty());
                if (key.isEmpty()) {
                    key = Optional.of(keys.keyToSeal(event.stream()));
                    found.put(event.stream(), key);
                }
                sealed += sealEvent(event, key.get()) ? 1 : 0;
            }
            Optional<byte[]> key = found.computeIfAbsent(event.stream(), keys::existingKey);
            if (key.isPresent() && fingerprints.rewrite(event, key.get())) {
                sealed++;
            }
        }
        for (StreamId stream : personalStreams) {
            Optional<byte[]> key = found.computeIfAbsent(stream, keys::existingKey);
            if (key.isPresent()) {
                long before = keys.erasedAt(stream).orElse(Long.MAX_VALUE);
                sealed += sealSnapshots(stream, key.get(), before) + sealRows(stream, key.get(), before);
            }
        }
        return sealed;
    }

    private boolean sealEvent(RecordedEvent event, byte[] key) {
        return replace(eventsTable, Map.of(EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(event.stream())),
                        EventItems.VERSION, EventItems.n(event.aggregateVersion())),
                Map.of(EventItems.EVENT_DATA, new Change(event.data(), personal.sealStored(event, key))));
    }

    /** @param before only snapshots of earlier versions: later ones were stored after an erasure */
    private int sealSnapshots(StreamId stream, byte[] key, long before) {
        int sealed = 0;
        var pages = dynamo.queryPaginator(request -> request.tableName(snapshotsTable).consistentRead(true)
                .keyConditionExpression("#stream = :stream")
                .expressionAttributeNames(Map.of("#stream", SnapshotItems.STREAM_ID))
                .expressionAttributeValues(Map.of(":stream", EventItems.s(EventItems.streamKey(stream)))));
        for (Map<String, AttributeValue> item : pages.items()) {
            String state = item.get(SnapshotItems.STATE).s();
            long version = Long.parseLong(item.get(SnapshotItems.VERSION).n());
            if (version < before && !FieldCipher.isSealed(state) && replace(snapshotsTable, Map.of(SnapshotItems.STREAM_ID,
                            item.get(SnapshotItems.STREAM_ID), SnapshotItems.VERSION, item.get(SnapshotItems.VERSION)),
                    Map.of(SnapshotItems.STATE,
                            new Change(state, sealWhole(key, stream, version, "state", state))))) {
                sealed++;
            }
        }
        return sealed;
    }

    private int sealRows(StreamId stream, byte[] key, long before) {
        int sealed = 0;
        for (Map.Entry<String, StateRows> model : stateRowsOfModel.entrySet()) {
            if (!model.getValue().aggregateType().equals(stream.aggregateType())) {
                continue;
            }
            Map<String, AttributeValue> rowKey = ReadModelItems.key(stream.tenantId(), model.getKey(),
                    stream.aggregateId());
            Map<String, AttributeValue> row = dynamo.getItem(request -> request.tableName(readModelsTable)
                    .key(rowKey).consistentRead(true)).item();
            if (row == null || row.isEmpty()) {
                continue;
            }
            long version = Long.parseLong(row.get(ReadModelItems.AGGREGATE_VERSION).n());
            if (version >= before) {
                continue;
            }
            Map<String, Change> changes = new HashMap<>();
            // As RowSealing stores them: the state with each personal value sealed on its own (so the row still
            // reads, with nulls, once the key is erased), a view of an earlier release sealed whole.
            StateFields fields = new StateFields(model.getValue().personalStateFields());
            AttributeValue state = row.get(ReadModelItems.STATE);
            if (state != null && state.s() != null && !FieldCipher.isSealed(state.s()) && !fields.anySealed(state.s())) {
                changes.put(ReadModelItems.STATE, new Change(state.s(), fields.seal(stream, version, state.s(), key)));
            }
            AttributeValue view = row.get(ReadModelItems.VIEW);
            if (view != null && view.s() != null && !FieldCipher.isSealed(view.s())) {
                changes.put(ReadModelItems.VIEW, new Change(view.s(), sealWhole(key, stream, version, "view", view.s())));
            }
            if (!changes.isEmpty() && replace(readModelsTable, rowKey, changes)) {
                sealed++;
            }
        }
        return sealed;
    }

    /** Sets each attribute to its sealed text if it still holds the clear text it was read with. */
    private boolean replace(String table, Map<String, AttributeValue> key, Map<String, Change> changes) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder();
        StringBuilder condition = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Change> change : changes.entrySet()) {
            names.put("#a" + i, change.getKey());
            values.put(":clear" + i, EventItems.s(change.getValue().clear()));
            values.put(":sealed" + i, EventItems.s(change.getValue().sealed()));
            set.append(i == 0 ? "SET " : ", ").append("#a").append(i).append(" = :sealed").append(i);
            condition.append(i == 0 ? "" : " AND ").append("#a").append(i).append(" = :clear").append(i);
            i++;
        }
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key).updateExpression(set.toString())
                    .conditionExpression(condition.toString()).expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadySealedOrNewer) {
            return false;
        }
    }

    private static String sealWhole(byte[] key, StreamId stream, long version, String part, String text) {
        return FieldCipher.seal(key, text, PersonalPayloads.place(stream, version, part));
    }

    private record Change(String clear, String sealed) {
    }
}
