package coop.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of one segment of a parallel scan of the events table.
 *
 * @param streams    the streams whose first event the page held (each stream is found exactly once, in one segment)
 * @param eventsRead how many events the page read, for progress
 * @param next       where the segment goes on; empty when the segment is done
 */
public record SegmentPage(List<StreamId> streams, int eventsRead, Optional<String> next) {

    public SegmentPage {
        streams = List.copyOf(streams);
    }
}
