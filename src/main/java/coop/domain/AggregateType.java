package coop.domain;

import java.util.List;

/**
 * Everything the store needs to know about one kind of aggregate, and nothing about storage.
 *
 * <p>A new aggregate type is a sealed event interface, one record per event, a state record and one
 * implementation of this interface: the store, the snapshots and the HTTP API need nothing else.
 *
 * @param <S> the state, an immutable value rebuilt by folding events
 * @param <E> the sealed interface of this aggregate's events
 */
public interface AggregateType<S, E> {

    /** The stored and routed name, e.g. {@code Family}. Never changes once events exist. */
    String name();

    /** The stored names, schema versions, payload rules and upcasters of every event type. */
    EventCatalog<E> events();

    /** The state before the first event. */
    S initialState(String aggregateId);

    /** Folds one event into the state. Must not fail: rules are checked before an event is stored. */
    S evolve(S state, E event);

    /**
     * Checks that {@code event} may happen to an aggregate in {@code state}.
     *
     * @throws RuleViolation when it may not
     */
    void check(S state, E event);

    /** The class of the state, so infrastructure can serialise snapshots. */
    Class<S> stateType();

    /**
     * The version of the state's shape and of {@link #evolve}. Bump it whenever either changes: snapshots taken
     * under another version are ignored, never trusted.
     */
    int stateSchemaVersion();

    /**
     * Whether the aggregate's personal data was erased: from then on, events that carry personal values are refused.
     * Never, for types without personal data.
     */
    default boolean personalDataErased(S state) {
        return false;
    }

    /** The fields of the state that hold personal values (e.g. {@code children.child_name}); none by default. */
    default List<String> personalStateFields() {
        return List.of();
    }

    /** The compensations used when a correlation is reverted; none by default. */
    default Compensations<S, E> compensations() {
        return Compensations.none();
    }
}
