package coop.app;

import java.util.List;
import java.util.Map;

/**
 * What proposed events would do to an aggregate, computed without storing anything.
 *
 * @param atVersion the version the events were proposed at (0: before the aggregate's first event)
 * @param before    the state at {@code atVersion}, as readers see it
 * @param after     the state the events would lead to
 * @param steps     one entry per proposed event, in order, with what it would change
 */
public record Simulation(String aggregateId, String aggregateType, long atVersion, Map<String, Object> before,
                         Map<String, Object> after, List<Step> steps) {

    public Simulation {
        steps = List.copyOf(steps);
    }

    /**
     * One proposed event and the fields it would change against the state before it.
     *
     * @param aggregateVersion the version the event would be stored at
     */
    public record Step(String eventType, long aggregateVersion, List<Change> changes) {

        public Step {
            changes = List.copyOf(changes);
        }
    }

    /** One state field an event changes: its value before and after (null when absent). */
    public record Change(String field, Object before, Object after) {
    }
}
