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
import coop.store.StreamHead;
import coop.store.StreamId;

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
 * <p>A cold append costs the load (snapshot and tail) plus one write. A warm one, on an aggregate this instance
 * has just loaded or appended to ({@link WarmStates}), costs the write alone, checked on the remembered state and
 * written at its version. Only failure paths read more: when the expected version is stale or the rules reject the
 * events, one consistent read of their ids tells a retry of events already stored (answered with the original
 * positions) from a genuine conflict.
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
        List<EventCodec.Checked<Object>> checked = AppendChecks.schemas(codec, type, request.events());
        S after = AppendChecks.rules(codec, type, current.state(), checked);
        try {
            return write(stream, new StreamHead(current.version(), current.chainHash()), checked.stream().map(EventCodec.Checked::stored).toList(),
                    metadata(request.userId(), request.correlationId(), request.causationId()), after);
        } catch (ConcurrencyConflict movedOn) {
            aggregates.warm().forget(stream, current.version());
            throw movedOn;
        }
    }

    private <S, E> AppendResult appendTo(AggregateType<S, E> type, AppendRequest request) {
        EventStore.requireAppendable(request.events().size());
        StreamId stream = new StreamId(request.tenantId(), type.name(), request.aggregateId());
        List<EventCodec.Checked<E>> checked = AppendChecks.schemas(codec, type, request.events());
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
                state -> decide.apply(state).map(events -> AppendChecks.schemas(codec, type, events)));
    }

    private <S, E> Optional<AppendResult> appendDecided(AggregateType<S, E> type, StreamId stream,
                                                        ExpectedVersion expected, EventMetadata metadata,
                                                        Function<S, Optional<List<EventCodec.Checked<E>>>> decide) {
        Optional<WarmStates.Known<S>> known = aggregates.warmState(type, stream);
        // An exact expectation other than the remembered version means a stale request or state: a load tells which.
        if (known.isPresent() && (!(expected instanceof ExpectedVersion.Exactly exactly)
                || exactly.version() == known.get().version())) {
            Optional<AppendResult> warm = appendWarm(type, stream, known.get(), metadata, decide);
            if (warm.isPresent()) {
                return warm;
            }
        }
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
            S after;
            try {
                after = AppendChecks.rules(codec, type, state, decided.get());
            } catch (RuleViolation violation) {
                // A retry of events already applied fails the rules on the state they left (a second enrolment).
                return Optional.of(store.findStored(stream, toStore).orElseThrow(() -> violation));
            }
            try {
                StreamHead head = new StreamHead(version, current.flatMap(Loaded::chainHash));
                return Optional.of(write(stream, head, toStore, metadata, after));
            } catch (ConcurrencyConflict lostRace) {
                if (expected instanceof ExpectedVersion.Exactly || attempt >= ANY_ATTEMPTS) {
                    throw new ConcurrencyConflict(stream, expected, lostRace.actual());
                }
                RetryBackoff.pause(attempt);
            }
        }
    }

    /**
     * Decides, checks and writes on the remembered state, with no load: the write's condition on its version proves
     * that nobody appended in between. Empty when that state cannot answer alone, and the caller loads: a decision
     * to append nothing or a broken rule may be only the stale state's; a lost condition forgets the state.
     */
    private <S, E> Optional<AppendResult> appendWarm(AggregateType<S, E> type, StreamId stream,
                                                     WarmStates.Known<S> known, EventMetadata metadata,
                                                     Function<S, Optional<List<EventCodec.Checked<E>>>> decide) {
        Optional<List<EventCodec.Checked<E>>> decided = decide.apply(known.state());
        if (decided.isEmpty()) {
            return Optional.empty();
        }
        try {
            S after = AppendChecks.rules(codec, type, known.state(), decided.get());
            List<NewEvent> toStore = decided.get().stream().map(EventCodec.Checked::stored).toList();
            return Optional.of(write(stream, new StreamHead(known.version(), known.chainHash()), toStore, metadata,
                    after));
        } catch (RuleViolation | ConcurrencyConflict stale) {
            aggregates.warm().forget(stream, known.version());
            return Optional.empty();
        }
    }

    /** Writes at {@code version} and remembers {@code after}, the state the new events leave, if it followed one. */
    private <S> AppendResult write(StreamId stream, StreamHead head, List<NewEvent> toStore, EventMetadata metadata,
                                   S after) {
        // The head's hash comes from the load or the remembered state: the chain costs no read.
        AppendResult result = store.append(stream, head, toStore, metadata);
        if (!result.duplicate()) {
            aggregates.warm().advance(stream, head.version(), after, result.lastVersion(), result.chainHash());
        }
        return result;
    }

    private static EventMetadata metadata(String userId, Optional<String> correlationId, Optional<String> causationId) {
        // Chosen once, before any attempt: every attempt of one request writes the same correlation.
        return new EventMetadata(userId, correlationId.orElseGet(() -> UUID.randomUUID().toString()), causationId);
    }
}
