package coop.store.dynamodb;

import coop.store.FamilyFailures;
import coop.store.ParkedFamily;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The layout of parking items in the checkpoints table: one item per failing aggregate under
 * {@code pk = "parking"}, sort key {@code <tenant>#<type>#<id>} (so a tenant's are one {@code begins_with} query). It
 * counts the failed deliveries of one event and, once parked, keeps the first parked version and the parked records.
 */
final class ParkingItems {

    static final String PARTITION = "parking";
    static final String TENANT_ID = "tenant_id";
    static final String AGGREGATE_TYPE = "aggregate_type";
    static final String AGGREGATE_ID = "aggregate_id";
    static final String FAILING_VERSION = "failing_version";
    static final String ATTEMPTS = "attempts";
    static final String LAST_ERROR = "last_error";
    static final String LAST_FAILED_AT = "last_failed_at";
    static final String PARKED_FROM = "parked_from";
    static final String PARKED_EVENTS = "parked_events";
    static final String PARKED_AT = "parked_at";

    private ParkingItems() {
    }

    static Map<String, AttributeValue> key(StreamId stream) {
        return Map.of(CheckpointItems.PK, EventItems.s(PARTITION),
                CheckpointItems.SK, EventItems.s(EventItems.streamKey(stream)));
    }

    /** The sort key prefix of a tenant's items; a tenant id never holds {@code #} (see {@code StreamId}). */
    static String tenantPrefix(String tenantId) {
        return tenantId + "#";
    }

    static FamilyFailures failures(Map<String, AttributeValue> item) {
        return new FamilyFailures(number(item, FAILING_VERSION), number(item, ATTEMPTS),
                item.containsKey(PARKED_FROM) ? OptionalLong.of(number(item, PARKED_FROM)) : OptionalLong.empty());
    }

    /** The parking an item holds; empty for an item that only counts failures. */
    static Optional<ParkedFamily> parked(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(PARKED_FROM)) {
            return Optional.empty();
        }
        StreamId stream = new StreamId(item.get(TENANT_ID).s(), item.get(AGGREGATE_TYPE).s(),
                item.get(AGGREGATE_ID).s());
        return Optional.of(new ParkedFamily(stream, number(item, PARKED_FROM), number(item, PARKED_EVENTS),
                number(item, ATTEMPTS), CheckpointItems.text(item, LAST_ERROR).orElse(""),
                CheckpointItems.instant(item, PARKED_AT).orElse(Instant.EPOCH)));
    }

    static long number(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(value -> Long.parseLong(value.n())).orElse(0L);
    }
}
