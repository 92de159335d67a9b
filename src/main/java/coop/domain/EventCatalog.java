package coop.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored names and schema versions of one aggregate's events. Stored names are stable and independent of
 * class names, so a record can be renamed without touching the history.
 */
public final class EventCatalog<E> {

    private final Map<String, EventType<? extends E>> byName;
    private final Map<Class<?>, EventType<? extends E>> byClass;

    @SafeVarargs
    public EventCatalog(EventType<? extends E>... types) {
        this.byName = List.of(types).stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
        this.byClass = List.of(types).stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    }

    public Optional<EventType<? extends E>> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The entry of an event's record class; every record of the sealed interface has one. */
    public EventType<? extends E> of(E event) {
        EventType<? extends E> type = byClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("No catalog entry for " + event.getClass().getName());
        }
        return type;
    }

    public List<EventType<? extends E>> all() {
        return List.copyOf(byName.values());
    }
}
