package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored event with its whole envelope, as the seed's event store defines it.
 *
 * @param erasedFields the personal fields whose values read as null because the aggregate's data key was erased;
 *                     empty for every other event
 */
public record RecordedEvent(
        String eventId,
        String eventType,
        int eventVersion,
        StreamId stream,
        long aggregateVersion,
        String data,
        Instant timestamp,
        String userId,
        String correlationId,
        Optional<String> causationId,
        List<String> erasedFields) {

    public RecordedEvent {
        erasedFields = List.copyOf(erasedFields);
    }

    /** An event read as stored, with nothing erased. */
    public RecordedEvent(String eventId, String eventType, int eventVersion, StreamId stream, long aggregateVersion,
                         String data, Instant timestamp, String userId, String correlationId,
                         Optional<String> causationId) {
        this(eventId, eventType, eventVersion, stream, aggregateVersion, data, timestamp, userId, correlationId,
                causationId, List.of());
    }

    public String aggregateId() {
        return stream.aggregateId();
    }

    public String aggregateType() {
        return stream.aggregateType();
    }

    public String tenantId() {
        return stream.tenantId();
    }
}
