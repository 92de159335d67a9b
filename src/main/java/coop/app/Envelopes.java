package coop.app;

import coop.domain.AggregateType;
import coop.domain.EventType;
import coop.store.RecordedEvent;

import java.util.LinkedHashMap;
import java.util.Map;
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
        return envelope(recorded, type, known,
                known ? codec.upcastPayload(type.get(), recorded) : codec.read(recorded.data()));
    }

    /**
     * The envelope of {@code recorded} without its personal fields, for copies that live outside the store and its
     * keys (the feed and the archives behind it): who, when, amounts and dates, never names or reasons.
     */
    public Envelope withoutPersonalData(RecordedEvent recorded) {
        Optional<AggregateType<?, ?>> type = types.find(recorded.aggregateType());
        boolean known = type.isPresent() && type.get().events().byName(recorded.eventType()).isPresent();
        Map<String, Object> payload = new LinkedHashMap<>(
                known ? codec.upcastPayload(type.get(), recorded) : codec.read(recorded.data()));
        if (known) {
            EventType<?> entry = type.get().events().byName(recorded.eventType()).orElseThrow();
            entry.personalFields(entry.latestVersion()).forEach(payload::remove);
        } else {
            // A type this deployment does not know: nobody can say which of its fields are personal.
            payload.clear();
        }
        return envelope(recorded, type, known, payload);
    }

    private Envelope envelope(RecordedEvent recorded, Optional<AggregateType<?, ?>> type, boolean known,
                              Map<String, Object> payload) {
        return new Envelope(
                recorded.eventId(),
                recorded.eventType(),
                known ? codec.latestVersion(type.get(), recorded.eventType()) : recorded.eventVersion(),
                recorded.aggregateId(),
                recorded.aggregateType(),
                recorded.aggregateVersion(),
                payload,
                recorded.timestamp(),
                recorded.userId(),
                recorded.correlationId(),
                recorded.causationId().orElse(null),
                recorded.erasedFields());
    }
}
