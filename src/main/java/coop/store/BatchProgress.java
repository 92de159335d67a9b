package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What one subscriber did with one tenant's events of one stream batch, recorded in one write.
 *
 * @param lastEventId        the most recent event it handled, if any
 * @param lastEventTimestamp when that event was recorded
 * @param failures           how many of its aggregates failed in the batch
 * @param lastError          the first failure's message, if any
 */
public record BatchProgress(Optional<String> lastEventId, Optional<Instant> lastEventTimestamp, int failures,
                            Optional<String> lastError) {
}
