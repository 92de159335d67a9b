package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints of the stream subscribers, and their per-aggregate cursors.
 *
 * <p>A cursor is the last version of one stream a subscriber handled: subscribers without a read-model row of their
 * own (triggers) keep one so that they handle each aggregate's events in version order and never past a failure.
 */
public interface CheckpointStore {

    Optional<Checkpoint> find(String name);

    /** Every stored checkpoint, by name. */
    List<Checkpoint> all();

    /** Records that {@code name} handled the event; creates the checkpoint as {@code running} if needed. */
    void recordProcessed(String name, String eventId, Instant eventTimestamp, Instant now);

    /** Counts one failure and keeps its message; creates the checkpoint as {@code running} if needed. */
    void recordFailure(String name, String error, Instant now);

    void setStatus(String name, Checkpoint.Status status, Instant now);

    /** The last version of {@code stream} that {@code name} handled, 0 when none. */
    long cursor(String name, StreamId stream);

    /** Moves the cursor forward to {@code version}; never backwards (a racing, older write changes nothing). */
    void advanceCursor(String name, StreamId stream, long version);
}
