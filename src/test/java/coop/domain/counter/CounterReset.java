package coop.domain.counter;

/** The counter went back to zero. */
public record CounterReset() implements CounterEvent {
}
