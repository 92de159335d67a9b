package coop.app;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored event as readers see it, over HTTP and on the feed: the seed's envelope, with {@code eventData} upcast to
 * the latest schema of its type. Serialised with {@link Json#mapper()} its fields are snake_case.
 *
 * @param causationId  null when no event caused this one
 * @param erasedFields the fields of {@code eventData} that are null because the family's personal data was erased;
 *                     left out of the JSON when there are none
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
        String causationId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> erasedFields) {
}
