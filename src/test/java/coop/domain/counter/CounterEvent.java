package coop.domain.counter;

/** The events of a counter: a second aggregate type, only here to show the store needs nothing Family-specific. */
public sealed interface CounterEvent permits CounterIncremented, CounterReset {
}
