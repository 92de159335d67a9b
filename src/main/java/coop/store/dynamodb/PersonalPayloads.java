package coop.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.keys.FieldCipher;
import coop.store.PersonalFields;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Seals and opens the personal fields of stored payloads. Each value is sealed as its JSON text (a name, an age)
 * with associated data {@code <tenant>#<type>#<id>#<version>#<field>}, so it opens only in the event and field it
 * was written for. Values of other fields are left as they are.
 */
final class PersonalPayloads {

    private final PersonalFields personal;
    private final ObjectMapper json = new ObjectMapper();

    PersonalPayloads(PersonalFields personal) {
        this.personal = personal;
    }

    /** The personal fields of an event type at a schema version; none for types without any. */
    List<String> fields(String aggregateType, String eventType, int eventVersion) {
        return personal.of(aggregateType, eventType, eventVersion);
    }

    /** Whether the payload carries a personal value that is not sealed yet (and so needs its aggregate's key). */
    boolean hasOpenValues(StreamId stream, String eventType, int eventVersion, String data) {
        List<String> fields = personal.of(stream.aggregateType(), eventType, eventVersion);
        if (fields.isEmpty()) {
            return false;
        }
        ObjectNode payload = parse(data);
        return fields.stream().map(payload::get)
                .anyMatch(value -> value != null && !value.isNull() && !FieldCipher.isSealed(value.textValue()));
    }

    /** The payload with every personal value sealed under {@code key} for this stream, version and field. */
    String seal(StreamId stream, long version, String eventType, int eventVersion, String data, byte[] key) {
        List<String> fields = personal.of(stream.aggregateType(), eventType, eventVersion);
        ObjectNode payload = parse(data);
        for (String field : fields) {
            JsonNode value = payload.get(field);
            if (value != null && !value.isNull() && !FieldCipher.isSealed(value.textValue())) {
                payload.put(field, FieldCipher.seal(key, value.toString(), place(stream, version, field)));
            }
        }
        return write(payload);
    }

    /**
     * The event with its personal values opened. The key is asked for only when a value is sealed; when the
     * aggregate has none (its key was erased), each sealed value reads as null and is named in {@code erased}.
     */
    RecordedEvent open(RecordedEvent event, Function<StreamId, Optional<byte[]>> keys, List<String> erased) {
        List<String> fields = personal.of(event.aggregateType(), event.eventType(), event.eventVersion());
        if (fields.isEmpty()) {
            return event;
        }
        ObjectNode payload = parse(event.data());
        Optional<byte[]> key = null;
        for (String field : fields) {
            JsonNode value = payload.get(field);
            if (value == null || !FieldCipher.isSealed(value.textValue())) {
                continue;
            }
            if (key == null) {
                key = keys.apply(event.stream());
            }
            if (key.isPresent()) {
                payload.set(field, parseValue(FieldCipher.open(key.get(), value.textValue(),
                        place(event.stream(), event.aggregateVersion(), field))));
            } else {
                payload.putNull(field);
                erased.add(field);
            }
        }
        return key == null ? event : withData(event, write(payload), erased);
    }

    static String place(StreamId stream, long version, String field) {
        return EventItems.streamKey(stream) + "#" + version + "#" + field;
    }

    private static RecordedEvent withData(RecordedEvent event, String data, List<String> erased) {
        return new RecordedEvent(event.eventId(), event.eventType(), event.eventVersion(), event.stream(),
                event.aggregateVersion(), data, event.timestamp(), event.userId(), event.correlationId(),
                event.causationId(), erased, event.chainHash());
    }

    private ObjectNode parse(String data) {
        JsonNode node = parseValue(data);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalStateException("a stored payload is not a JSON object");
        }
        return object;
    }

    private JsonNode parseValue(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value is not JSON", e);
        }
    }

    private String write(ObjectNode payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
