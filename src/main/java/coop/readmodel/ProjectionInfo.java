package coop.readmodel;

import coop.stream.HandlerType;
import coop.store.Checkpoint;
import coop.store.RebuildProgress;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of {@code GET /projections}: a subscriber and its checkpoint, and for a rebuildable projection its latest
 * rebuild's progress (segments and events done, of how many; {@code finished_at} once the model is current).
 */
public record ProjectionInfo(
        String projectionName,
        HandlerType handlerType,
        Checkpoint.Status status,
        Optional<String> lastEventId,
        Optional<Instant> lastEventTimestamp,
        Optional<Instant> lastUpdated,
        long errorCount,
        Optional<String> lastError,
        boolean active,
        Optional<RebuildProgress> rebuild) {
}
