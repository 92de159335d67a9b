package coop.store.dynamodb;

import coop.store.Checkpoint;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of the checkpoints table (keys {@code pk}/{@code sk}): one status item per subscriber under
 * {@code pk = "checkpoint"}, one progress item per (subscriber, tenant) under {@code pk = "progress#<name>"} with
 * the tenant as sort key, and one cursor item per (subscriber, stream) under {@code pk = "cursor#<name>"}.
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
    static final String LAST_ERROR_AT = "last_error_at";
    static final String VERSION = "version";

    /** DynamoDB items are at most 400 KB; a stack trace message is cut well below that. */
    static final int MAX_ERROR_LENGTH = 2000;

    private CheckpointItems() {
    }

    static Map<String, AttributeValue> checkpointKey(String name) {
        return Map.of(PK, EventItems.s(CHECKPOINT_PK), SK, EventItems.s(name));
    }

    static String progressPartition(String name) {
        return "progress#" + name;
    }

    static Map<String, AttributeValue> progressKey(String name, String tenantId) {
        return Map.of(PK, EventItems.s(progressPartition(name)), SK, EventItems.s(tenantId));
    }

    static Map<String, AttributeValue> cursorKey(String name, String streamKey) {
        return Map.of(PK, EventItems.s("cursor#" + name), SK, EventItems.s(streamKey));
    }

    static String status(Checkpoint.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static String cut(String error) {
        return error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
    }

    static Checkpoint.Status statusOf(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get(STATUS)).map(v -> Checkpoint.Status.valueOf(v.s().toUpperCase(Locale.ROOT)))
                .orElse(Checkpoint.Status.RUNNING);
    }

    static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        return text(item, name).map(Timestamps::parse);
    }

    static long errorCount(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get(ERROR_COUNT)).map(v -> Long.parseLong(v.n())).orElse(0L);
    }
}
