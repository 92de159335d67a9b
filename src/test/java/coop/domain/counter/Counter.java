package coop.domain.counter;

import coop.domain.AggregateType;
import coop.domain.EventCatalog;
import coop.domain.EventType;
import coop.domain.Field;
import coop.domain.PayloadSchema;
import coop.domain.RuleViolation;

/** A counter that only goes up, or back to zero. Test-only; it has no compensations. */
public final class Counter implements AggregateType<CounterState, CounterEvent> {

    public static final Counter INSTANCE = new Counter();

    private static final EventCatalog<CounterEvent> CATALOG = new EventCatalog<>(
            EventType.of("CounterIncremented", CounterIncremented.class,
                    PayloadSchema.of(Field.integer("by", 1, 1_000))),
            EventType.of("CounterReset", CounterReset.class, PayloadSchema.of()));

    @Override
    public String name() {
        return "Counter";
    }

    @Override
    public EventCatalog<CounterEvent> events() {
        return CATALOG;
    }

    @Override
    public CounterState initialState(String aggregateId) {
        return new CounterState(aggregateId, 0);
    }

    @Override
    public CounterState evolve(CounterState state, CounterEvent event) {
        return switch (event) {
            case CounterIncremented(int by) -> new CounterState(state.counterId(), state.value() + by);
            case CounterReset() -> new CounterState(state.counterId(), 0);
        };
    }

    @Override
    public void check(CounterState state, CounterEvent event) {
        if (event instanceof CounterIncremented(int by) && by <= 0) {
            throw new RuleViolation("A counter only goes up: " + by + " is not a positive step");
        }
    }

    @Override
    public Class<CounterState> stateType() {
        return CounterState.class;
    }

    @Override
    public int stateSchemaVersion() {
        return 1;
    }
}
