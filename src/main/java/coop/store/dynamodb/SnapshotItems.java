package coop.store.dynamodb;

import coop.store.Snapshot;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The layout of a snapshot item: keyed like the stream it caches, by (stream_id, version). */
final class SnapshotItems {

    static final String STREAM_ID = EventItems.STREAM_ID;
    static final String VERSION = EventItems.VERSION;
    static final String STATE_SCHEMA = "state_schema";
    static final String STATE = "state";
    static final String LAST_EVENT_AT = "last_event_at";
    static final String CREATED_AT = "created_at";
    /** The chain hash of the event at the snapshot's version: an append on the snapshot chains on it. */
    static final String CHAIN_HASH = EventItems.CHAIN_HASH;

    private SnapshotItems() {
    }

    static Map<String, AttributeValue> toItem(Snapshot snapshot, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                STREAM_ID, EventItems.s(EventItems.streamKey(snapshot.stream())),
                VERSION, EventItems.n(snapshot.version()),
                STATE_SCHEMA, EventItems.n(snapshot.stateSchema()),
                STATE, EventItems.s(snapshot.state()),
                LAST_EVENT_AT, EventItems.s(Timestamps.format(snapshot.lastEventAt())),
                CREATED_AT, EventItems.s(Timestamps.format(createdAt))));
        snapshot.chainHash().ifPresent(hash -> item.put(CHAIN_HASH, EventItems.s(hash)));
        return item;
    }

    static Snapshot fromItem(StreamId stream, Map<String, AttributeValue> item) {
        return new Snapshot(
                stream,
                Long.parseLong(item.get(VERSION).n()),
                Integer.parseInt(item.get(STATE_SCHEMA).n()),
                item.get(STATE).s(),
                Timestamps.parse(item.get(LAST_EVENT_AT).s()),
                Optional.ofNullable(item.get(CHAIN_HASH)).map(AttributeValue::s));
    }
}
