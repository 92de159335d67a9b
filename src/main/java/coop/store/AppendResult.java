package coop.store;

import java.util.List;
import java.util.Optional;

/**
 * Where the events of one append were stored.
 *
 * @param duplicate true when every event was already stored by an earlier call with the same event ids: nothing
 *                  was written, and the positions are the original ones
 * @param chainHash the chain hash of the last event written, the stream's new head; empty on a duplicate and on a
 *                  stream not chained yet
 */
public record AppendResult(StreamId stream, List<Position> positions, String correlationId, boolean duplicate,
                           Optional<String> chainHash) {

    public AppendResult {
        positions = List.copyOf(positions);
    }

    public AppendResult(StreamId stream, List<Position> positions, String correlationId, boolean duplicate) {
        this(stream, positions, correlationId, duplicate, Optional.empty());
    }

    /** The same positions, as an earlier call's: what a retry of this append answers. */
    public AppendResult asDuplicate() {
        return new AppendResult(stream, positions, correlationId, true);
    }

    public long lastVersion() {
        return positions.getLast().version();
    }

    /** One stored event: its id and its version in the stream. */
    public record Position(String eventId, long version) {
    }
}
