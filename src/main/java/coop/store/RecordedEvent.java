package coop.store;

import java.time.Instant;
import java.util.Optional;

/** A stored event with its whole envelope, as the seed's event store defines it. */
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
        Optional<String> causationId) {

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
