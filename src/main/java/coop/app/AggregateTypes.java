package coop.app;

import coop.domain.AggregateType;
import coop.store.PersonalFields;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The aggregate types this deployment serves, by their routed name. */
public final class AggregateTypes {

    private final Map<String, AggregateType<?, ?>> byName;

    public AggregateTypes(List<AggregateType<?, ?>> types) {
        this.byName = types.stream().collect(Collectors.toUnmodifiableMap(AggregateType::name, Function.identity()));
    }

    public Optional<AggregateType<?, ?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The personal fields of a stored event, as its type's catalog declares them; none for unknown types. */
    public PersonalFields personalFields() {
        return (aggregateType, eventType, eventVersion) -> find(aggregateType)
                .flatMap(type -> type.events().byName(eventType))
                .map(entry -> entry.personalFields(eventVersion))
                .orElse(List.of());
    }

    /** @throws UnknownAggregateType when no type has that name */
    public AggregateType<?, ?> get(String name) {
        return find(name).orElseThrow(() -> new UnknownAggregateType(name));
    }
}
