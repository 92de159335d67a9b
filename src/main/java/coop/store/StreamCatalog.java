package coop.store;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Enumerates the streams of the store, for admin work such as rebuilding a read model. Slow: admin use only. */
public interface StreamCatalog {

    /** Calls {@code each} once per stream of {@code aggregateType}, across all tenants. */
    void forEachStream(String aggregateType, Consumer<StreamId> each);

    /**
     * One page of segment {@code segment} of {@code totalSegments} (a parallel scan): segments split the table
     * between them, so each stream turns up in exactly one.
     *
     * @param after where the previous page of this segment ended ({@link SegmentPage#next()}); empty to start
     */
    SegmentPage streamsInSegment(String aggregateType, int segment, int totalSegments, Optional<String> after,
                                 int pageSize);

    /**
     * Every event recorded in {@code [from, to]}, across tenants and aggregates: a filtered scan of the whole table,
     * for replaying what a failed stream batch held once the stream no longer has it.
     */
    void forEachEventRecordedBetween(Instant from, Instant to, Consumer<RecordedEvent> each);

    /** How many events the store holds, as the database estimates it (DynamoDB refreshes it about every 6 hours). */
    long approximateEventCount();
}
