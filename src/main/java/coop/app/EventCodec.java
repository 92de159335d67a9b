package coop.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import coop.domain.AggregateType;
import coop.domain.EventType;
import coop.domain.FieldProblem;
import coop.store.NewEvent;
import coop.store.RecordedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns domain events into stored payloads and back. Upcasting happens here, on read: a stored payload keeps the
 * schema version it was written with, and is brought to the latest version step by step whenever it is read.
 */
public final class EventCodec {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ObjectWriter canonical;

    public EventCodec(ObjectMapper json) {
        this.json = json;
        // Map keys sorted: equal payloads store as equal JSON, whatever order the client sent their fields in, so
        // the store's fingerprint of an event tells a retry from a reused id.
        this.canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** A domain event as a proposal, for code that appends through the same checks as the API (triggers). */
    public <E> ProposedEvent propose(AggregateType<?, E> type, E event, Optional<String> eventId) {
        EventType<? extends E> entry = type.events().of(event);
        return new ProposedEvent(eventId, entry.name(), Optional.of(entry.latestVersion()), json.convertValue(event, PAYLOAD));
    }

    /** A domain event as a new event at its type's latest schema version. */
    public <E> NewEvent encode(AggregateType<?, E> type, E event) {
        EventType<? extends E> entry = type.events().of(event);
        return NewEvent.of(entry.name(), entry.latestVersion(), write(event));
    }

    /** A stored event as a domain event, upcast to the latest schema first. */
    public <E> E decode(AggregateType<?, E> type, RecordedEvent recorded) {
        EventType<? extends E> entry = entryOf(type, recorded.eventType());
        return toEvent(entry, entry.upcast(recorded.eventVersion(), read(recorded.data())));
    }

    /** A stored payload at the latest schema of its type, as served to readers. */
    public Map<String, Object> upcastPayload(AggregateType<?, ?> type, RecordedEvent recorded) {
        return entryOf(type, recorded.eventType()).upcast(recorded.eventVersion(), read(recorded.data()));
    }

    /** The latest schema version of a stored event type, or the stored version for types this code does not know. */
    public int latestVersion(AggregateType<?, ?> type, String eventType) {
        return type.events().byName(eventType).map(EventType::latestVersion).orElse(1);
    }

    /**
     * Checks a proposed event against its schema and returns it as a domain event (for the rules) together with the
     * payload to store as sent, at the version it was sent in; empty, with the reasons added to {@code problems},
     * when it does not pass.
     *
     * @param path where the event sits in the request, for problem reports, e.g. {@code events[2]}
     */
    public <E> Optional<Checked<E>> check(AggregateType<?, E> type, ProposedEvent proposed, String path, List<InvalidEvents.Problem> problems) {
        Optional<? extends EventType<? extends E>> entry = type.events().byName(proposed.eventType());
        if (entry.isEmpty()) {
            problems.add(new InvalidEvents.Problem(path + ".event_type",
                    "is not an event type of " + type.name() + ": " + proposed.eventType()));
            return Optional.empty();
        }
        int version = proposed.eventVersion().orElse(entry.get().latestVersion());
        if (entry.get().schema(version).isEmpty()) {
            problems.add(new InvalidEvents.Problem(path + ".event_version", "must be between 1 and "
                    + entry.get().latestVersion() + " for " + proposed.eventType()));
            return Optional.empty();
        }
        List<FieldProblem> fieldProblems = entry.get().schema(version).get().problems(proposed.data());
        fieldProblems.forEach(p -> problems.add(new InvalidEvents.Problem(path + ".event_data." + p.field(), p.problem())));
        if (!fieldProblems.isEmpty()) {
            return Optional.empty();
        }
        E event = toEvent(entry.get(), entry.get().upcast(version, proposed.data()));
        NewEvent stored = new NewEvent(proposed.eventId(), proposed.eventType(), version, canonical(proposed.data()));
        return Optional.of(new Checked<>(event, stored));
    }

    /** The personal fields a stored event sets (to anything but null), as its type's catalog declares them. */
    public List<String> personalFields(AggregateType<?, ?> type, NewEvent stored) {
        Map<String, Object> payload = read(stored.data());
        return type.events().byName(stored.eventType()).map(entry -> entry.personalFields(stored.eventVersion()))
                .orElse(List.of()).stream().filter(field -> payload.get(field) != null).toList();
    }

    public boolean carriesPersonalValues(AggregateType<?, ?> type, NewEvent stored) {
        return !personalFields(type, stored).isEmpty();
    }

    /** A proposed event that passed its schema: the domain event, and the event to store. */
    public record Checked<E>(E event, NewEvent stored) {
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("domain values always serialise", e);
        }
    }

    private String canonical(Map<String, Object> payload) {
        try {
            return canonical.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parsed JSON always serialises", e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON no longer reads as " + type.getSimpleName(), e);
        }
    }

    public Map<String, Object> read(String payload) {
        try {
            return json.readValue(payload, PAYLOAD);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not a JSON object", e);
        }
    }

    private static <E> EventType<? extends E> entryOf(AggregateType<?, E> type, String eventType) {
        return type.events().byName(eventType).orElseThrow(() -> new IllegalStateException(
                "stored event type " + eventType + " is not in the " + type.name() + " catalog"));
    }

    private <E> E toEvent(EventType<? extends E> entry, Map<String, Object> payload) {
        return json.convertValue(payload, entry.type());
    }
}
