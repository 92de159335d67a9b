package coop.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.domain.AggregateType;
import coop.store.StreamId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads aggregates for readers: the current state, the state after a version, or the state at an instant. */
public final class Aggregates {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final AggregateTypes types;
    private final AggregateRepository repository;
    private final ObjectMapper json;

    public Aggregates(AggregateTypes types, AggregateRepository repository, ObjectMapper json) {
        this.types = types;
        this.repository = repository;
        this.json = json;
    }

    /**
     * The aggregate at {@code target}; empty when it has no event by then (or in this tenant at all).
     *
     * @throws UnknownAggregateType when the type is not served
     */
    public Optional<AggregateView> load(String tenantId, String aggregateType, String aggregateId, LoadTarget target) {
        AggregateType<?, ?> type = types.get(aggregateType);
        return repository.load(type, new StreamId(tenantId, type.name(), aggregateId), target)
                .map(loaded -> new AggregateView(aggregateId, type.name(), loaded.version(), stateAsJson(loaded.state()),
                        erasedFields(type, loaded.state())));
    }

    @SuppressWarnings("unchecked")
    private static <S> List<String> erasedFields(AggregateType<S, ?> type, Object state) {
        return type.personalDataErased((S) state) ? type.personalStateFields() : List.of();
    }

    /** A state as the JSON object readers see, e.g. for comparing one field across versions. */
    public Map<String, Object> stateAsJson(Object state) {
        return json.convertValue(state, OBJECT);
    }
}
