package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One rebuild of a projection, fanned out over {@code totalSegments} parallel scan segments.
 *
 * @param eventsTotal the events the store held when it started, as estimated then: the "of how many" of progress
 */
public record Rebuild(String id, String projection, int totalSegments, long eventsTotal, Instant startedAt,
                      Optional<Instant> finishedAt) {
}
