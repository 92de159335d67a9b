package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A cached state of one stream after the event at {@code version}.
 *
 * @param stateSchema  the aggregate type's state schema version when the snapshot was taken; a snapshot of another
 *                     schema is ignored on load
 * @param state        the state as a JSON object
 * @param lastEventAt  the timestamp of the event at {@code version}, so point-in-time loads can use the snapshot
 * @param chainHash    the chain hash of the event at {@code version}, so an append on the snapshot chains without a
 *                     read; empty when not known (taken before chains, or of an unchained event)
 */
public record Snapshot(StreamId stream, long version, int stateSchema, String state, Instant lastEventAt,
                       Optional<String> chainHash) {

    public Snapshot(StreamId stream, long version, int stateSchema, String state, Instant lastEventAt) {
        this(stream, version, stateSchema, state, lastEventAt, Optional.empty());
    }
}
