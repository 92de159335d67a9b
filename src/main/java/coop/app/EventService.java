package coop.app;

import coop.domain.AggregateType;
import coop.domain.RuleViolation;
import coop.store.AppendResult;
import coop.store.AppendTooLarge;
import coop.store.ConcurrencyConflict;
import coop.store.EventIdConflict;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RetryBackoff;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Appends events the way every writer must: validated against their schemas, checked against the aggregate's rules
 * on the very state they follow, and written with that state's version as the expected version. The one retry loop
 * of the system: with expected version "any", a lost race means re-read, re-check and write again, a bounded number
 * of times, with jittered back-off.
 *
 * <p>A fresh append costs the load (snapshot and tail) plus one write. Only failure paths read more: when the
 * expected version is stale or the rules reject the events, one consistent read of their ids tells a retry of
 * events already stored (answered with the original positions) from a genuine conflict.
 */
public final class EventService {

    /** How often an append with expected version "any" re-reads, re-checks and writes after losing a race. */
    static final int ANY_ATTEMPTS = 8;

    private final AggregateTypes types;
    private final EventStore store;
    private final AggregateRepository aggregates;
    private final EventCodec codec;

    public EventService(AggregateTypes types, EventStore store, AggregateRepository aggregates, EventCodec codec) {
        this.types = types;
        this.store = store;
        this.aggregates = aggregates;
        this.codec = codec;
    }

    /**
     * Appends the request's events atomically, or stores nothing.
     *
     * <p>When every event is already stored as these very events (same ids, types, schema versions and payloads, at
     * consecutive positions of this aggregate), nothing is written and the original positions and correlation come
     * back with {@link AppendResult#duplicate()} set, whatever the expected version says.
     *
     * @throws UnknownAggregateType when the aggregate type is not served
     * @throws InvalidEvents        when an event type, version or payload is invalid
     * @throws AppendTooLarge       when there are no events, too many, or they are too big to store
     * @throws RuleViolation        when an event does not fit the aggregate's state
     * @throws ConcurrencyConflict  when the aggregate is not at the expected version
     * @throws EventIdConflict      when an event id already names another event
     */
    public AppendResult append(AppendRequest request) {
        return appendTo(types.get(request.aggregateType()), request);
    }

    /**
     * Appends on a state the caller already holds (a trigger that decided on it), without loading it again: the
     * events are checked against that state's rules and written at its version. One write request.
     *
     * @throws ConcurrencyConflict when the aggregate has moved past {@code current}; nothing is written
     * @throws RuleViolation       when an event does not fit {@code current}
     * @see #append(AppendRequest) for the other exceptions
     */
    public <S> AppendResult appendOn(Loaded<S> current, AppendRequest request) {
        @SuppressWarnings("unchecked")
        AggregateType<S, Object> type = (AggregateType<S, Object>) types.get(request.aggregateType());
        StreamId stream = new StreamId(request.tenantId(), type.name(), request.aggregateId());
        List<EventCodec.Checked<Object>> checked = validate(type, request.events());
        checkRules(type, current.state(), checked);
        EventMetadata metadata = new EventMetadata(request.userId(),
                request.correlationId().orElseGet(() -> UUID.randomUUID().toString()), request.causationId());
        return store.append(stream, ExpectedVersion.exactly(current.version()),
                checked.stream().map(EventCodec.Checked::stored).toList(), metadata);
    }

    private <S, E> AppendResult appendTo(AggregateType<S, E> type, AppendRequest request) {
        EventStore.requireAppendable(request.events().size());
        StreamId stream = new StreamId(request.tenantId(), type.name(), request.aggregateId());
        List<EventCodec.Checked<E>> checked = validate(type, request.events());
        return appendDecided(type, stream, request.expected(), metadata(request.userId(), request.correlationId(),
                request.causationId()), state -> Optional.of(checked)).orElseThrow();
    }

    /**
     * Appends what {@code decide} proposes on the aggregate's latest state, with expected version "any": on a lost
     * race the decision is taken again on the new state. Empty when {@code decide} proposes nothing.
     *
     * @param decide the events to append on a state; empty to append nothing
     * @throws RuleViolation       when the events do not fit the state, and are not stored already
     * @throws ConcurrencyConflict after losing the race {@value #ANY_ATTEMPTS} times
     * @throws EventIdConflict     when an event id already names another event
     */
    public <S, E> Optional<AppendResult> appendDecided(AggregateType<S, E> type, StreamId stream, String userId,
                                                       Optional<String> correlationId, Optional<String> causationId,
                                                       Function<S, Optional<List<ProposedEvent>>> decide) {
        return appendDecided(type, stream, ExpectedVersion.any(), metadata(userId, correlationId, causationId),
                state -> decide.apply(state).map(events -> validate(type, events)));
    }

    private <S, E> Optional<AppendResult> appendDecided(AggregateType<S, E> type, StreamId stream,
                                                        ExpectedVersion expected, EventMetadata metadata,
                                                        Function<S, Optional<List<EventCodec.Checked<E>>>> decide) {
        for (int attempt = 1; ; attempt++) {
            Optional<Loaded<S>> current = aggregates.load(type, stream, LoadTarget.latest());
            long version = current.map(Loaded::version).orElse(0L);
            S state = current.map(Loaded::state).orElseGet(() -> type.initialState(stream.aggregateId()));
            Optional<List<EventCodec.Checked<E>>> decided = decide.apply(state);
            if (decided.isEmpty()) {
                return Optional.empty();
            }
            List<NewEvent> toStore = decided.get().stream().map(EventCodec.Checked::stored).toList();
            if (expected instanceof ExpectedVersion.Exactly exactly && exactly.version() != version) {
                // A retry whose expected version went stale when its first attempt landed, or a genuine conflict.
                return Optional.of(store.findStored(stream, toStore)
                        .orElseThrow(() -> new ConcurrencyConflict(stream, expected, version)));
            }
            try {
                checkRules(type, state, decided.get());
            } catch (RuleViolation violation) {
                // A retry of events already applied fails the rules on the state they left (a second enrolment).
                return Optional.of(store.findStored(stream, toStore).orElseThrow(() -> violation));
            }
            try {
                return Optional.of(store.append(stream, ExpectedVersion.exactly(version), toStore, metadata));
            } catch (ConcurrencyConflict lostRace) {
                if (expected instanceof ExpectedVersion.Exactly || attempt >= ANY_ATTEMPTS) {
                    throw new ConcurrencyConflict(stream, expected, lostRace.actual());
                }
                RetryBackoff.pause(attempt);
            }
        }
    }

    private static EventMetadata metadata(String userId, Optional<String> correlationId, Optional<String> causationId) {
        // Chosen once, before any attempt: every attempt of one request writes the same correlation.
        return new EventMetadata(userId, correlationId.orElseGet(() -> UUID.randomUUID().toString()), causationId);
    }

    private <E> List<EventCodec.Checked<E>> validate(AggregateType<?, E> type, List<ProposedEvent> events) {
        List<InvalidEvents.Problem> problems = new ArrayList<>();
        List<EventCodec.Checked<E>> checked = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            codec.check(type, events.get(i), "events[" + i + "]", problems).ifPresent(checked::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidEvents(problems);
        }
        return checked;
    }

    /**
     * Checks each event on the state the events before it in the batch leave. Once an aggregate's personal data is
     * erased, an event that carries personal values is refused whatever the type's own rules say: the values could
     * only be stored under a key that no longer exists.
     */
    private <S, E> void checkRules(AggregateType<S, E> type, S state, List<EventCodec.Checked<E>> events) {
        S current = state;
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i).event();
            try {
                if (type.personalDataErased(current) && codec.carriesPersonalValues(type, events.get(i).stored())) {
                    throw new RuleViolation("The personal data of this family was erased (PersonalDataErased), so "
                            + "it takes no event with personal data any more (" + String.join(", ",
                            codec.personalFields(type, events.get(i).stored())) + ")");
                }
                type.check(current, event);
            } catch (RuleViolation violation) {
                throw new RuleViolation("events[" + i + "] (" + events.get(i).stored().eventType() + "): "
                        + violation.getMessage());
            }
            current = type.evolve(current, event);
        }
    }
}
