package coop.readmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import coop.store.Checkpoint;
import coop.store.RebuildProgress;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of {@code GET /projections}: a subscriber and its checkpoint, and for a rebuildable projection its latest
 * rebuild's progress (segments and events done, of how many; {@code finished_at} once the model is current). The
 * rebuild is empty in a tenant's view: its figures count every tenant's events.
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

    /**
     * How long after it was recorded the subscriber handled its last event: the lag it ran at then, as Lambda's
     * IteratorAge measures a shard's. Empty before the first event.
     */
    @JsonProperty("lag_millis")
    public Optional<Long> lagMillis() {
        return lastEventTimestamp.flatMap(recorded -> lastUpdated.map(handled ->
                Math.max(0, Duration.between(recorded, handled).toMillis())));
    }
}
