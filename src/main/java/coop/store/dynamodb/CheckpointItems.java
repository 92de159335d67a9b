package coop.store.dynamodb;

import coop.store.Checkpoint;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of the checkpoints table (keys {@code pk}/{@code sk}): one item per subscriber under
 * {@code pk = "checkpoint"}, and one cursor item per (subscriber, stream) under {@code pk = "cursor#<name>"}.
 */
final class CheckpointItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String CHECKPOINT_PK = "checkpoint";
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String LAST_EVENT_ID = "last_event_id";
    static final String LAST_EVENT_TIMESTAMP = "last_event_timestamp";
    static final String LAST_UPDATED = "last_updated";
    static final String ERROR_COUNT = "error_count";
    static final String LAST_ERROR = "last_error";
    static final String VERSION = "version";

    /** DynamoDB items are at most 400 KB; a stack trace message is cut well below that. */
    static final int MAX_ERROR_LENGTH = 2000;

    private CheckpointItems() {
    }

    static Map<String, AttributeValue> checkpointKey(String name) {
        return Map.of(PK, EventItems.s(CHECKPOINT_PK), SK, EventItems.s(name));
    }

    static Map<String, AttributeValue> cursorKey(String name, String streamKey) {
        return Map.of(PK, EventItems.s("cursor#" + name), SK, EventItems.s(streamKey));
    }

    static String status(Checkpoint.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static Checkpoint fromItem(Map<String, AttributeValue> item) {
        return new Checkpoint(
                item.get(SK).s(),
                Optional.ofNullable(item.get(STATUS))
                        .map(v -> Checkpoint.Status.valueOf(v.s().toUpperCase(Locale.ROOT)))
                        .orElse(Checkpoint.Status.RUNNING),
                text(item, LAST_EVENT_ID),
                text(item, LAST_EVENT_TIMESTAMP).map(Timestamps::parse),
                text(item, LAST_UPDATED).map(Timestamps::parse),
                Optional.ofNullable(item.get(ERROR_COUNT)).map(v -> Long.parseLong(v.n())).orElse(0L),
                text(item, LAST_ERROR));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }
}
