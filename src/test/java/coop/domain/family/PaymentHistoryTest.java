package coop.domain.family;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.*;

/** The state keeps payment totals and the recent payments, so it stays one size however long the history. */
class PaymentHistoryTest {

    @Test
    void the_state_lists_the_most_recent_payments_and_counts_every_one() {
        List<FamilyEvent> history = new ArrayList<>(List.of(enrolled()));
        for (int i = 1; i <= 25; i++) {
            history.add(due("100", "2024-10-01"));
            history.add(new PaymentReceived(money("100"), LocalDate.of(2024, 10, 1).plusDays(i), "check"));
        }
        FamilyState state = given(history.toArray(FamilyEvent[]::new))
                .when(new PaymentReceived(money("40"), date("2025-01-01"), "card"));

        assertEquals(FamilyState.RECENT_PAYMENTS, state.payments().size());
        assertEquals(new Payment(money("40"), date("2025-01-01"), "card"), state.payments().getLast());
        assertEquals(date("2024-10-08"), state.payments().getFirst().date(), "payments 1-6 dropped, oldest first");
        assertEquals(26, state.paymentCount());
        assertMoney("2500", state.totalDue());
        assertMoney("2540", state.totalReceived());
        assertMoney("-40", state.balanceDue());
        assertEquals(PaymentStatus.PAID, state.paymentStatus());
    }

    @Test
    void a_history_of_100000_payments_leaves_a_state_of_the_same_size_as_one_of_30() {
        FamilyState shortHistory = payments(30);
        FamilyState longHistory = payments(100_000);

        assertEquals(shortHistory.payments().size(), longHistory.payments().size());
        assertEquals(100_000, longHistory.paymentCount());
        assertMoney("5000000", longHistory.totalReceived());
        assertMoney("0", longHistory.balanceDue());
        assertEquals(List.of(), longHistory.dues());
    }

    @Test
    void dues_stay_ordered_by_due_date_with_equal_dates_in_arrival_order() {
        FamilyState state = given(enrolled(), due("100", "2024-11-01"), due("200", "2024-10-01"),
                due("300", "2024-11-01")).when(due("400", "2024-10-15"));

        assertEquals(List.of(money("200"), money("400"), money("100"), money("300")),
                state.dues().stream().map(DuePayment::amount).toList());
    }

    private static FamilyState payments(int count) {
        FamilyState state = FAMILY.evolve(FAMILY.initialState(FAMILY_ID), enrolled());
        for (int i = 0; i < count; i++) {
            state = FAMILY.evolve(state, due("50", "2024-10-01"));
            state = FAMILY.evolve(state, received("50", "2024-10-02"));
        }
        return state;
    }
}
