package coop.app;

import coop.domain.AggregateType;
import coop.store.RecordedEvent;

import java.util.Optional;

/** Turns stored events into {@link Envelope}s at the latest schema of their type. */
public final class Envelopes {

    private final AggregateTypes types;
    private final EventCodec codec;

    public Envelopes(AggregateTypes types, EventCodec codec) {
        this.types = types;
        this.codec = codec;
    }

    /** The envelope of {@code recorded}; an event of a type this deployment does not serve keeps its stored payload. */
    public Envelope of(RecordedEvent recorded) {
        Optional<AggregateType<?, ?>> type = types.find(recorded.aggregateType());
        boolean known = type.isPresent() && type.get().events().byName(recorded.eventType()).isPresent();
        return new Envelope(
                recorded.eventId(),
                recorded.eventType(),
                known ? codec.latestVersion(type.get(), recorded.eventType()) : recorded.eventVersion(),
                recorded.aggregateId(),
                recorded.aggregateType(),
                recorded.aggregateVersion(),
                known ? codec.upcastPayload(type.get(), recorded) : codec.read(recorded.data()),
                recorded.timestamp(),
                recorded.userId(),
                recorded.correlationId(),
                recorded.causationId().orElse(null));
    }
}
