package coop.app;

import coop.domain.AggregateType;
import coop.domain.RuleViolation;
import coop.store.AppendResult;
import coop.store.AppendTooLarge;
import coop.store.ConcurrencyConflict;
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

/**
 * Appends events the way every writer must: validated against their schemas, checked against the aggregate's rules
 * on the very state they follow, and written with that state's version as the expected version.
 */
public final class EventService {

    /** How often an append with expected version "any" re-reads, re-checks and retries after losing a race. */
    static final int ANY_ATTEMPTS = 5;

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
     * <p>When the events carry ids that are already stored as this batch, nothing is written and the original
     * positions come back with {@link AppendResult#duplicate()} set, whatever the expected version says.
     *
     * @throws UnknownAggregateType when the aggregate type is not served
     * @throws InvalidEvents        when an event type, version or payload is invalid
     * @throws AppendTooLarge       when there are no events, too many, or one is too big to store
     * @throws RuleViolation        when an event does not fit the aggregate's state
     * @throws ConcurrencyConflict  when the aggregate is not at the expected version
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
        if (request.events().isEmpty() || request.events().size() > EventStore.MAX_EVENTS_PER_APPEND) {
            throw new AppendTooLarge("an append carries 1 to " + EventStore.MAX_EVENTS_PER_APPEND + " events, not "
                    + request.events().size());
        }
        StreamId stream = new StreamId(request.tenantId(), type.name(), request.aggregateId());
        List<EventCodec.Checked<E>> checked = validate(type, request.events());
        List<NewEvent> toStore = checked.stream().map(EventCodec.Checked::stored).toList();
        Optional<AppendResult> earlier = store.findAppended(stream, toStore);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        EventMetadata metadata = new EventMetadata(request.userId(),
                request.correlationId().orElseGet(() -> UUID.randomUUID().toString()), request.causationId());
        int attempts = request.expected() instanceof ExpectedVersion.Any ? ANY_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            Optional<Loaded<S>> current = aggregates.load(type, stream, LoadTarget.latest());
            long version = current.map(Loaded::version).orElse(0L);
            if (request.expected() instanceof ExpectedVersion.Exactly exactly && exactly.version() != version) {
                throw new ConcurrencyConflict(stream, request.expected(), version);
            }
            checkRules(type, current.map(Loaded::state).orElseGet(() -> type.initialState(stream.aggregateId())),
                    checked);
            try {
                return store.append(stream, ExpectedVersion.exactly(version), toStore, metadata);
            } catch (ConcurrencyConflict lostRace) {
                if (attempt >= attempts) {
                    throw new ConcurrencyConflict(stream, request.expected(), lostRace.actual());
                }
                RetryBackoff.pause(attempt);
            }
        }
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

    /** Checks each event on the state the events before it in the batch leave. */
    private static <S, E> void checkRules(AggregateType<S, E> type, S state, List<EventCodec.Checked<E>> events) {
        S current = state;
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i).event();
            try {
                type.check(current, event);
            } catch (RuleViolation violation) {
                throw new RuleViolation("events[" + i + "] (" + events.get(i).stored().eventType() + "): "
                        + violation.getMessage());
            }
            current = type.evolve(current, event);
        }
    }

}
