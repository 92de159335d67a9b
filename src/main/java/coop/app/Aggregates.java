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
        StreamId stream = new StreamId(tenantId, type.name(), aggregateId);
        return repository.load(type, stream, target)
                .map(loaded -> new AggregateView(aggregateId, type.name(), loaded.version(), stateAsJson(loaded.state()),
                        erasedFields(type, stream, target, loaded.state())));
    }

    /**
     * The latest state carries the erasure's mark; a state from before the erasure (time travel) does not, yet its
     * personal values read as null all the same, so only such a load asks whether the key was erased.
     */
    @SuppressWarnings("unchecked")
    private <S> List<String> erasedFields(AggregateType<S, ?> type, StreamId stream, LoadTarget target, Object state) {
        if (type.personalStateFields().isEmpty()) {
            return List.of();
        }
        boolean earlier = !(target instanceof LoadTarget.AtVersion at) || at.version() != Long.MAX_VALUE;
        boolean erased = type.personalDataErased((S) state) || (earlier && repository.erased(stream));
        return erased ? type.personalStateFields() : List.of();
    }

    /** A state as the JSON object readers see, e.g. for comparing one field across versions. */
    public Map<String, Object> stateAsJson(Object state) {
        return json.convertValue(state, OBJECT);
    }
}
