package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored event with its whole envelope, as the seed's event store defines it.
 *
 * @param erasedFields the personal fields whose values read as null because the aggregate's data key was erased;
 *                     empty for every other event
 * @param chainHash    the stream's hash chain up to and including this event (see docs/ledger.md); empty for an
 *                     event not chained yet: written before chains, or not stored yet
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
        List<String> erasedFields,
        Optional<String> chainHash) {

    public RecordedEvent {
        erasedFields = List.copyOf(erasedFields);
    }

    /** An event with the personal fields {@code erasedFields} read as null, not chained. */
    public RecordedEvent(String eventId, String eventType, int eventVersion, StreamId stream, long aggregateVersion,
                         String data, Instant timestamp, String userId, String correlationId,
                         Optional<String> causationId, List<String> erasedFields) {
        this(eventId, eventType, eventVersion, stream, aggregateVersion, data, timestamp, userId, correlationId,
                causationId, erasedFields, Optional.empty());
    }

    /** An event read as stored, with nothing erased. */
    public RecordedEvent(String eventId, String eventType, int eventVersion, StreamId stream, long aggregateVersion,
                         String data, Instant timestamp, String userId, String correlationId,
                         Optional<String> causationId) {
        this(eventId, eventType, eventVersion, stream, aggregateVersion, data, timestamp, userId, correlationId,
                causationId, List.of());
    }

    /** This event with its place in the stream's hash chain. */
    public RecordedEvent withChainHash(String hash) {
        return new RecordedEvent(eventId, eventType, eventVersion, stream, aggregateVersion, data, timestamp, userId,
                correlationId, causationId, erasedFields, Optional.of(hash));
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
