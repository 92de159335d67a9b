package coop.store.dynamodb;

import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of an event item in the events table: the seed's envelope plus the keys of the table and its indexes.
 * The one place that knows these attribute names (with {@link EventIdItems} for the event-ids table), besides the
 * table definitions in {@code infra/template.yaml}.
 */
public final class EventItems {

    public static final String STREAM_ID = "stream_id";
    public static final String VERSION = "version";
    public static final String TENANT_ID = "tenant_id";
    public static final String AGGREGATE_TYPE = "aggregate_type";
    public static final String AGGREGATE_ID = "aggregate_id";
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String EVENT_VERSION = "event_version";
    public static final String EVENT_DATA = "event_data";
    public static final String EVENT_TIMESTAMP = "event_timestamp";
    public static final String USER_ID = "user_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    /** The stream's hash chain up to this event ({@link EventChain}); absent on events written before chains. */
    public static final String CHAIN_HASH = "chain_hash";

    /** Index keys: each is prefixed with the tenant, so no query can cross tenants. */
    public static final String CORRELATION_KEY = "correlation_key";
    public static final String TYPE_KEY = "type_key";
    /** The sort key of {@link #BY_STREAM_TIME}: when the event was recorded, then its version (see {@link #timeVersion}). */
    public static final String TIME_VERSION = "time_version";

    public static final String BY_CORRELATION = "by_correlation";
    public static final String BY_TYPE = "by_type";
    public static final String BY_STREAM_TIME = "by_stream_time";

    /**
     * Events of one type are spread over this many index partitions, so a busy type (every co-op's PaymentDue on the
     * first of the month) is not capped by one partition's 1,000 writes a second. Queries by type read every shard
     * and merge. Changing it re-keys the index, so it is a constant, not a setting.
     */
    public static final int TYPE_SHARDS = 4;

    private EventItems() {
    }

    public static String streamKey(StreamId stream) {
        return stream.tenantId() + "#" + stream.aggregateType() + "#" + stream.aggregateId();
    }

    public static String eventKey(String tenantId, String eventId) {
        return tenantId + "#" + eventId;
    }

    public static String correlationKey(String tenantId, String correlationId) {
        return tenantId + "#" + correlationId;
    }

    public static String typeKey(String tenantId, String eventType, int shard) {
        return tenantId + "#" + eventType + "#" + shard;
    }

    /**
     * Sorts a stream's events by when they were recorded, and the events of one append (which share an instant) by
     * version: fixed-width timestamp, then the version zero-padded to 19 digits.
     */
    static String timeVersion(Instant recorded, long version) {
        return Timestamps.format(recorded) + "#" + String.format("%019d", version);
    }

    static int typeShard(String eventId) {
        // String.hashCode is specified by the JLS, so every JVM puts an event in the same shard.
        return Math.floorMod(eventId.hashCode(), TYPE_SHARDS);
    }

    public static Map<String, AttributeValue> toItem(RecordedEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(STREAM_ID, s(streamKey(event.stream())));
        item.put(VERSION, n(event.aggregateVersion()));
        item.put(TENANT_ID, s(event.tenantId()));
        item.put(AGGREGATE_TYPE, s(event.aggregateType()));
        item.put(AGGREGATE_ID, s(event.aggregateId()));
        item.put(EVENT_ID, s(event.eventId()));
        item.put(EVENT_TYPE, s(event.eventType()));
        item.put(EVENT_VERSION, n(event.eventVersion()));
        item.put(EVENT_DATA, s(event.data()));
        item.put(EVENT_TIMESTAMP, s(Timestamps.format(event.timestamp())));
        item.put(USER_ID, s(event.userId()));
        item.put(CORRELATION_ID, s(event.correlationId()));
        event.causationId().ifPresent(id -> item.put(CAUSATION_ID, s(id)));
        event.chainHash().ifPresent(hash -> item.put(CHAIN_HASH, s(hash)));
        item.put(CORRELATION_KEY, s(correlationKey(event.tenantId(), event.correlationId())));
        item.put(TYPE_KEY, s(typeKey(event.tenantId(), event.eventType(), typeShard(event.eventId()))));
        item.put(TIME_VERSION, s(timeVersion(event.timestamp(), event.aggregateVersion())));
        return item;
    }

    /** Reads an event item; also used by the stream function on the NewImage of a stream record. */
    public static RecordedEvent fromItem(Map<String, AttributeValue> item) {
        return new RecordedEvent(
                item.get(EVENT_ID).s(),
                item.get(EVENT_TYPE).s(),
                Integer.parseInt(item.get(EVENT_VERSION).n()),
                new StreamId(item.get(TENANT_ID).s(), item.get(AGGREGATE_TYPE).s(), item.get(AGGREGATE_ID).s()),
                Long.parseLong(item.get(VERSION).n()),
                item.get(EVENT_DATA).s(),
                Timestamps.parse(item.get(EVENT_TIMESTAMP).s()),
                item.get(USER_ID).s(),
                item.get(CORRELATION_ID).s(),
                Optional.ofNullable(item.get(CAUSATION_ID)).map(AttributeValue::s),
                List.of(),
                Optional.ofNullable(item.get(CHAIN_HASH)).map(AttributeValue::s));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
