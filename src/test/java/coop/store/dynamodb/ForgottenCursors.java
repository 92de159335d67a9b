package coop.store.dynamodb;

import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A trigger's cursor lost, as if the invocation that appended the trigger's follow-up ended before it moved the
 * cursor: the next delivery of the same records fires the trigger again.
 */
public final class ForgottenCursors {

    private ForgottenCursors() {
    }

    public static void forget(DynamoDbClient dynamo, String checkpointsTable, String trigger, StreamId stream) {
        dynamo.deleteItem(request -> request.tableName(checkpointsTable)
                .key(CheckpointItems.cursorKey(trigger, EventItems.streamKey(stream))));
    }
}
