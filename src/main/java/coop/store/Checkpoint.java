package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one subscriber (projection, trigger, feed) stands, as the seed's {@code projection_checkpoints} row.
 *
 * @param lastEventId        the last event the subscriber handled; streams are ordered only per item, so this is
 *                           "the most recent one handled", not a position that all earlier events precede
 * @param lastEventTimestamp when that event was recorded
 * @param lastUpdated        when the checkpoint last changed
 */
public record Checkpoint(
        String name,
        Status status,
        Optional<String> lastEventId,
        Optional<Instant> lastEventTimestamp,
        Optional<Instant> lastUpdated,
        long errorCount,
        Optional<String> lastError) {

    /** A subscriber's life cycle; stored and served lower-case. */
    public enum Status {
        RUNNING,
        REBUILDING,
        STOPPED
    }

    /** The checkpoint of a subscriber that has not handled anything yet. */
    public static Checkpoint fresh(String name) {
        return new Checkpoint(name, Status.RUNNING, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty());
    }
}
