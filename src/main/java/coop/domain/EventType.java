package coop.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event type: its stored name, the record it reads into, and the payload schema of each version.
 *
 * <p>{@code schemas} holds one schema per version, oldest first: index 0 is version 1. {@code upcasters} holds the
 * steps from each old version to the next, so {@code upcasters.get(0)} turns a v1 payload into v2. Old payloads are
 * upcast when read, never rewritten in the store.
 */
public record EventType<E>(String name, Class<E> type, List<PayloadSchema> schemas, List<Upcaster> upcasters) {

    public EventType {
        if (schemas.isEmpty() || upcasters.size() != schemas.size() - 1) {
            throw new IllegalArgumentException(name + ": needs one schema per version and one upcaster between each");
        }
        schemas = List.copyOf(schemas);
        upcasters = List.copyOf(upcasters);
    }

    /** An event type with a single schema version. */
    public static <E> EventType<E> of(String name, Class<E> type, PayloadSchema schema) {
        return new EventType<>(name, type, List.of(schema), List.of());
    }

    public int latestVersion() {
        return schemas.size();
    }

    public Optional<PayloadSchema> schema(int version) {
        return version >= 1 && version <= schemas.size() ? Optional.of(schemas.get(version - 1)) : Optional.empty();
    }

    /** The personal fields of a payload stored at {@code version}; none for a version this type does not have. */
    public List<String> personalFields(int version) {
        return schema(version).map(PayloadSchema::personalFields).orElse(List.of());
    }

    /** Brings a payload stored at {@code version} up to the latest schema, one step at a time. */
    public Map<String, Object> upcast(int version, Map<String, Object> payload) {
        Map<String, Object> current = payload;
        for (int v = version; v < latestVersion(); v++) {
            current = upcasters.get(v - 1).upcast(current);
        }
        return current;
    }
}
