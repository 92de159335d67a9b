package coop.app;

import java.time.Instant;
import java.util.Map;

/**
 * A stored event as readers see it, over HTTP and on the feed: the seed's envelope, with {@code eventData} upcast to
 * the latest schema of its type. Serialised with {@link Json#mapper()} its fields are snake_case.
 *
 * @param causationId null when no event caused this one
 */
public record Envelope(
        String eventId,
        String eventType,
        int eventVersion,
        String aggregateId,
        String aggregateType,
        long aggregateVersion,
        Map<String, Object> eventData,
        Instant eventTimestamp,
        String userId,
        String correlationId,
        String causationId) {
}
