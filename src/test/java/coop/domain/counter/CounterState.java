package coop.domain.counter;

/** The value of a counter. */
public record CounterState(String counterId, int value) {
}
