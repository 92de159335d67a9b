package coop.readmodel;

import coop.stream.HandlerType;
import coop.store.Checkpoint;

import java.time.Instant;
import java.util.Optional;

/** One entry of {@code GET /projections}: a subscriber and its checkpoint. */
public record ProjectionInfo(
        String projectionName,
        HandlerType handlerType,
        Checkpoint.Status status,
        Optional<String> lastEventId,
        Optional<Instant> lastEventTimestamp,
        Optional<Instant> lastUpdated,
        long errorCount,
        Optional<String> lastError,
        boolean active) {
}
