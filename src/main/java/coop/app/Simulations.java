package coop.app;

import coop.domain.AggregateType;
import coop.domain.RuleViolation;
import coop.store.EventStore;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What-if: proposed events folded onto an aggregate's state at some version, through the very checks an append
 * makes (schema, then rules on the state each event follows), and nothing stored: it only reads the stream, so
 * a simulation can neither append an event nor move a read model (the load under it may, as every load may,
 * replace a snapshot taken under an older state schema).
 */
public final class Simulations {

    private final AggregateTypes types;
    private final AggregateRepository repository;
    private final EventCodec codec;
    private final Aggregates aggregates;

    public Simulations(AggregateTypes types, AggregateRepository repository, EventCodec codec, Aggregates aggregates) {
        this.types = types;
        this.repository = repository;
        this.codec = codec;
        this.aggregates = aggregates;
    }

    /** The version a simulation was asked to start at is past the aggregate's last event. */
    public static final class BeyondLastVersion extends RuntimeException {

        public BeyondLastVersion(long asked, long last) {
            super("is past the aggregate's last version, " + last + " (asked " + asked + ")");
        }
    }

    /**
     * Folds {@code events} onto the state after {@code atVersion} (the latest when empty; 0 for an aggregate with no
     * event yet).
     *
     * @throws UnknownAggregateType when the type is not served
     * @throws InvalidEvents        when an event type, version or payload is invalid
     * @throws RuleViolation        naming the first event that breaks a rule, e.g. {@code events[1] (ChildAdded): ...}
     * @throws BeyondLastVersion    when {@code atVersion} is past the last stored event
     */
    public Simulation simulate(String tenantId, String aggregateType, String aggregateId, Optional<Long> atVersion,
                               List<ProposedEvent> events) {
        return simulateOn(types.get(aggregateType), tenantId, aggregateId, atVersion, events);
    }

    private <S, E> Simulation simulateOn(AggregateType<S, E> type, String tenantId, String aggregateId,
                                         Optional<Long> atVersion, List<ProposedEvent> proposed) {
        if (proposed.isEmpty() || proposed.size() > EventStore.MAX_EVENTS_PER_APPEND) {
            throw new InvalidEvents(List.of(new InvalidEvents.Problem("events",
                    "must hold 1 to " + EventStore.MAX_EVENTS_PER_APPEND + " events")));
        }
        List<EventCodec.Checked<E>> checked = AppendChecks.schemas(codec, type, proposed);
        StreamId stream = new StreamId(tenantId, type.name(), aggregateId);
        Optional<Loaded<S>> start = atVersion.filter(v -> v == 0).isPresent() ? Optional.empty()
                : repository.load(type, stream, atVersion.<LoadTarget>map(LoadTarget.AtVersion::new)
                .orElseGet(LoadTarget::latest));
        long version = start.map(Loaded::version).orElse(0L);
        if (atVersion.isPresent() && atVersion.get() != version) {
            throw new BeyondLastVersion(atVersion.get(), version);
        }
        S state = start.map(Loaded::state).orElseGet(() -> type.initialState(aggregateId));
        // The very checks an append makes, keeping the state after each event for the steps.
        List<Map<String, Object>> states = AppendChecks.states(codec, type, state, checked).stream()
                .map(aggregates::stateAsJson).toList();
        List<Simulation.Step> steps = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            steps.add(new Simulation.Step(proposed.get(i).eventType(), version + i + 1,
                    StateDiff.between(states.get(i), states.get(i + 1))));
        }
        Map<String, Object> before = states.getFirst();
        Map<String, Object> after = states.getLast();
        return new Simulation(aggregateId, type.name(), version, before, after, steps);
    }
}
