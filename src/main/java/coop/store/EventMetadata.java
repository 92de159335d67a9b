package coop.store;

import java.util.Optional;

/**
 * Who appends, and why: shared by every event of one append.
 *
 * @param userId        the authenticated user (or trigger) recorded on each event
 * @param correlationId groups the events of one business action across aggregates
 * @param causationId   the event that caused these, if any
 */
public record EventMetadata(String userId, String correlationId, Optional<String> causationId) {

    public EventMetadata {
        StreamId.requireId("user_id", userId);
        StreamId.requireId("correlation_id", correlationId);
        causationId.ifPresent(id -> StreamId.requireId("causation_id", id));
    }

    public static EventMetadata of(String userId, String correlationId) {
        return new EventMetadata(userId, correlationId, Optional.empty());
    }

    public EventMetadata causedBy(String eventId) {
        return new EventMetadata(userId, correlationId, Optional.of(eventId));
    }
}
