package coop.app;

import coop.domain.AggregateType;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Answers "why does this field have this value?" with the event that set it and the chain of causes behind it. */
public final class Explain {

    /** A causation chain longer than this is cut: it would be a bug or an attack, not a business story. */
    static final int MAX_CHAIN = 100;

    private final AggregateTypes types;
    private final EventStore store;
    private final EventCodec codec;
    private final Aggregates aggregates;
    private final Envelopes envelopes;

    public Explain(AggregateTypes types, EventStore store, EventCodec codec, Aggregates aggregates, Envelopes envelopes) {
        this.types = types;
        this.store = store;
        this.codec = codec;
        this.aggregates = aggregates;
        this.envelopes = envelopes;
    }

    /**
     * Explains {@code field} (a snake_case state field) of one aggregate's current state; empty when the aggregate
     * has no event in this tenant.
     *
     * @throws UnknownAggregateType when the type is not served
     * @throws UnknownField         when the state has no such field
     */
    public Optional<Explanation> explain(String tenantId, String aggregateType, String aggregateId, String field) {
        return explainOn(types.get(aggregateType), tenantId, aggregateId, field);
    }

    private <S, E> Optional<Explanation> explainOn(AggregateType<S, E> type, String tenantId, String aggregateId,
                                                  String field) {
        S state = type.initialState(aggregateId);
        Map<String, Object> before = aggregates.stateAsJson(state);
        if (!before.containsKey(field)) {
            throw new UnknownField(type.name(), field);
        }
        List<RecordedEvent> events = store.readStream(new StreamId(tenantId, type.name(), aggregateId), 0, Long.MAX_VALUE);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Object value = before.get(field);
        RecordedEvent changedBy = null;
        // Folding one event at a time is the only way to see which event moved the field; histories are short.
        for (RecordedEvent recorded : events) {
            state = type.evolve(state, codec.decode(type, recorded));
            Object after = aggregates.stateAsJson(state).get(field);
            // An erased value reads as null before and after, yet the event that carried it still set the field.
            boolean setErased = recorded.erasedFields().contains(field);
            if (!Objects.equals(value, after) || setErased) {
                changedBy = recorded;
                value = after;
            }
        }
        if (changedBy == null) {
            return Optional.of(new Explanation(field, value, null, List.of()));
        }
        return Optional.of(new Explanation(field, value, envelopes.of(changedBy), chain(tenantId, changedBy)));
    }

    private List<Envelope> chain(String tenantId, RecordedEvent start) {
        List<Envelope> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<RecordedEvent> current = Optional.of(start);
        while (current.isPresent() && seen.add(current.get().eventId()) && chain.size() < MAX_CHAIN) {
            chain.add(envelopes.of(current.get()));
            current = current.get().causationId().flatMap(cause -> store.findEvent(tenantId, cause));
        }
        return chain;
    }
}
