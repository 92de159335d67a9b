package coop.domain.counter;

import coop.domain.Compensation;
import coop.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CounterTest {

    private static final Counter COUNTER = Counter.INSTANCE;

    private static CounterState given(CounterEvent... events) {
        CounterState state = COUNTER.initialState("counter_1");
        for (CounterEvent event : List.of(events)) {
            COUNTER.check(state, event);
            state = COUNTER.evolve(state, event);
        }
        return state;
    }

    @Test
    void increments_add_up_and_reset_returns_to_zero() {
        assertEquals(5, given(new CounterIncremented(2), new CounterIncremented(3)).value());
        assertEquals(1, given(new CounterIncremented(2), new CounterReset(), new CounterIncremented(1)).value());
    }

    @Test
    void non_positive_increment_is_rejected() {
        assertThrows(RuleViolation.class, () -> given(new CounterIncremented(0)));
    }

    @Test
    void every_counter_event_has_a_catalog_entry_and_no_compensation() {
        for (Class<?> record : CounterEvent.class.getPermittedSubclasses()) {
            assertTrue(COUNTER.events().all().stream().anyMatch(type -> type.type() == record));
        }
        assertInstanceOf(Compensation.Skip.class,
                COUNTER.compensations().compensate(given(), new CounterReset(), "id", "oops"));
    }
}
