package coop.infra;

import coop.config.TableNames;
import coop.store.StreamId;
import coop.store.dynamodb.EventItems;
import coop.store.dynamodb.ForgottenCursors;
import coop.testing.TestDynamo;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

/**
 * What goes wrong in stored state, and an operator's repair, written past the functions with the test's own client
 * (so not recorded as any function's use): a stored event that no subscriber can handle (an event type nobody
 * knows, as a bad import would leave), written as version 2 of a family so that the stream parks it, then mended;
 * and a trigger's cursor lost.
 */
@Singleton
class StoredStateRepairs {

    private final DynamoDbClient dynamo = TestDynamo.client();

    @Inject
    TableNames tables;

    void plantPoison(String tenant, String familyId) {
        dynamo.putItem(request -> request.tableName(tables.events())
                .item(secondEvent(tenant, familyId, "NoSuchFamilyEvent", "{}")));
    }

    /**
     * Mended as a release before the time-version keys would have written it, so that the event backfill has
     * something to add.
     */
    void mendPoison(String tenant, String familyId) {
        Map<String, AttributeValue> mended = secondEvent(tenant, familyId, "ChildAdded", "{\"child_name\": \"Pip\"}");
        mended.remove(EventItems.TIME_VERSION);
        dynamo.putItem(request -> request.tableName(tables.events()).item(mended));
    }

    void forgetCursor(String trigger, String tenant, String familyId) {
        ForgottenCursors.forget(dynamo, tables.checkpoints(), trigger, new StreamId(tenant, "Family", familyId));
    }

    private Map<String, AttributeValue> secondEvent(String tenant, String familyId, String type, String data) {
        String stream = EventItems.streamKey(new StreamId(tenant, "Family", familyId));
        Map<String, AttributeValue> first = dynamo.getItem(request -> request.tableName(tables.events())
                .consistentRead(true).key(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(stream),
                        EventItems.VERSION, AttributeValue.fromN("1")))).item();
        Map<String, AttributeValue> second = new HashMap<>(first);
        second.put(EventItems.VERSION, AttributeValue.fromN("2"));
        second.put(EventItems.EVENT_ID, AttributeValue.fromS(familyId + "-poison"));
        second.put(EventItems.EVENT_TYPE, AttributeValue.fromS(type));
        second.put(EventItems.EVENT_DATA, AttributeValue.fromS(data));
        return second;
    }
}
