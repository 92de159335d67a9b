package coop.app;

import java.util.List;

/** Proposed events that cannot be stored as they are: unknown types or versions, or payloads that break their schema. */
public final class InvalidEvents extends RuntimeException {

    private final List<Problem> problems;

    public InvalidEvents(List<Problem> problems) {
        super("The events are invalid: " + problems.stream().map(p -> p.field() + " " + p.problem()).toList());
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with the path of the field in the request, e.g. {@code events[0].event_data.amount}. */
    public List<Problem> problems() {
        return problems;
    }

    public record Problem(String field, String problem) {
    }
}
