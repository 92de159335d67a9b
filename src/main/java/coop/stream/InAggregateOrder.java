package coop.stream;

import coop.store.CheckpointStore;
import coop.store.EventStore;
import coop.store.RecordedEvent;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Gives a subscriber without read-model rows of its own (a trigger) the order guarantee of a projection: a cursor per
 * aggregate remembers the last version handled. An event at or below it is a duplicate and changes nothing; an event
 * beyond the next version first makes the subscriber handle the events it has not seen yet, read from the store, in
 * version order. The cursor moves only after an event was handled, so a failing event holds back its own aggregate
 * (later events of it redo the failed one first, and fail with it) while other aggregates flow on.
 */
public final class InAggregateOrder {

    private final String name;
    private final EventStore store;
    private final CheckpointStore checkpoints;

    public InAggregateOrder(String name, EventStore store, CheckpointStore checkpoints) {
        this.name = name;
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /** Handles, with {@code action}, each event up to {@code event} that {@code wanted} accepts and was not handled. */
    public void handle(RecordedEvent event, Predicate<RecordedEvent> wanted, Consumer<RecordedEvent> action) {
        long cursor = checkpoints.cursor(name, event.stream());
        if (event.aggregateVersion() <= cursor) {
            return;
        }
        List<RecordedEvent> pending = event.aggregateVersion() == cursor + 1
                ? List.of(event)
                : store.readStream(event.stream(), cursor, event.aggregateVersion());
        for (RecordedEvent next : pending) {
            if (wanted.test(next)) {
                action.accept(next);
                checkpoints.advanceCursor(name, event.stream(), next.aggregateVersion());
            }
        }
        checkpoints.advanceCursor(name, event.stream(), event.aggregateVersion());
    }
}
