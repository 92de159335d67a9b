package coop.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An event as the feed publishes it: the API's envelope (snake_case through {@code Json.mapper()}), payload upcast to
 * the latest schema, plus the tenant, which a consumer of a bus shared by all co-ops needs.
 */
public record EventEnvelope(
        String eventId,
        String eventType,
        int eventVersion,
        String tenantId,
        String aggregateId,
        String aggregateType,
        long aggregateVersion,
        Map<String, Object> eventData,
        Instant eventTimestamp,
        String userId,
        String correlationId,
        Optional<String> causationId) {
}
