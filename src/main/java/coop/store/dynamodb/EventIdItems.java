package coop.store.dynamodb;

import coop.store.NewEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The layout of the event-ids table: one item per event, keyed by {@code tenant#event_id}, written in the same
 * transaction as the event on condition that the key is free. It says where the event is stored, under which
 * correlation it was appended, and a fingerprint of what it is ({@link Fingerprints}), so that the item DynamoDB
 * hands back with a failed condition tells a retry of the same events (answered with the original positions) from a
 * reused id.
 */
final class EventIdItems {

    static final String EVENT_KEY = "event_key";
    static final String STREAM_ID = "stream_id";
    static final String VERSION = "version";
    static final String CORRELATION_ID = "correlation_id";
    static final String FINGERPRINT = "fingerprint";

    private EventIdItems() {
    }

    static Map<String, AttributeValue> key(String tenantId, String eventId) {
        return Map.of(EVENT_KEY, EventItems.s(EventItems.eventKey(tenantId, eventId)));
    }

    /** @param fingerprint the event's, from {@link PersonalData#fingerprint} */
    static Map<String, AttributeValue> toItem(StreamId stream, long version, NewEvent event, String correlationId,
                                              String fingerprint) {
        return Map.of(
                EVENT_KEY, EventItems.s(EventItems.eventKey(stream.tenantId(), event.eventId().orElseThrow())),
                STREAM_ID, EventItems.s(EventItems.streamKey(stream)),
                VERSION, EventItems.n(version),
                CORRELATION_ID, EventItems.s(correlationId),
                FINGERPRINT, EventItems.s(fingerprint));
    }

    static StoredId fromItem(Map<String, AttributeValue> item) {
        // Tenant, type and id may not contain '#' (StreamId), so the keys split back unambiguously.
        String[] stream = item.get(STREAM_ID).s().split("#", 3);
        String eventId = item.get(EVENT_KEY).s().substring(stream[0].length() + 1);
        return new StoredId(eventId, new StreamId(stream[0], stream[1], stream[2]),
                Long.parseLong(item.get(VERSION).n()), item.get(CORRELATION_ID).s(), item.get(FINGERPRINT).s());
    }

    /** An event id as stored: where its event is, the correlation of the append that stored it, its fingerprint. */
    record StoredId(String eventId, StreamId stream, long version, String correlationId, String fingerprint) {
    }
}
