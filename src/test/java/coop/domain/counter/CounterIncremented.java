package coop.domain.counter;

/** The counter went up by {@code by}. */
public record CounterIncremented(int by) implements CounterEvent {
}
