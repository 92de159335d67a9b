package coop.domain.family;

import org.junit.jupiter.api.Test;

import java.util.List;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every payment status transition of API.md, and how unpaid dues are tracked. */
class PaymentStatusTest {

    @Test
    void payment_status_is_none_before_any_payment_due() {
        assertEquals(PaymentStatus.NONE, given(enrolled()).state().paymentStatus());
    }

    @Test
    void payment_due_makes_family_due() {
        FamilyState state = given(enrolled()).when(due("450", "2024-10-01"));

        assertEquals(PaymentStatus.DUE, state.paymentStatus());
        assertMoney("450", state.balanceDue());
        assertEquals(List.of(new DuePayment(money("450"), date("2024-10-01"), money("450"), false)), state.dues());
    }

    @Test
    void payment_overdue_makes_family_overdue() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01")).when(overdue("450", "2024-10-01"));

        assertEquals(PaymentStatus.OVERDUE, state.paymentStatus());
        assertTrue(state.hasOverduePayment());
        assertTrue(state.dues().getFirst().overdue());
    }

    @Test
    void payment_received_after_overdue_makes_family_paid() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"))
                .when(received("450", "2024-10-20"));

        assertEquals(PaymentStatus.PAID, state.paymentStatus());
        assertMoney("0", state.balanceDue());
    }

    @Test
    void payment_received_in_full_makes_due_family_paid() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01")).when(received("450", "2024-09-28"));

        assertEquals(PaymentStatus.PAID, state.paymentStatus());
        assertEquals(List.of(), state.dues());
    }

    @Test
    void partial_payment_leaves_family_due_with_the_rest_outstanding() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01")).when(received("200", "2024-09-28"));

        assertEquals(PaymentStatus.DUE, state.paymentStatus());
        assertMoney("250", state.balanceDue());
        assertMoney("250", state.dues().getFirst().outstanding());
        assertMoney("450", state.dues().getFirst().amount());
    }

    @Test
    void partial_payment_of_an_overdue_family_keeps_it_overdue() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"))
                .when(received("100.50", "2024-10-20"));

        assertEquals(PaymentStatus.OVERDUE, state.paymentStatus());
        assertMoney("349.50", state.balanceDue());
    }

    @Test
    void new_due_on_an_overdue_family_keeps_it_overdue() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"))
                .when(due("450", "2024-11-01"));

        assertEquals(PaymentStatus.OVERDUE, state.paymentStatus());
        assertMoney("900", state.balanceDue());
    }

    @Test
    void new_due_after_paid_makes_family_due_again_not_overdue() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"),
                received("450", "2024-10-20"))
                .when(due("450", "2024-11-01"));

        assertEquals(PaymentStatus.DUE, state.paymentStatus());
        assertFalse(state.hasOverduePayment());
    }

    @Test
    void payments_settle_the_oldest_due_first() {
        FamilyState state = given(enrolled(), due("300", "2024-11-01"), due("450", "2024-10-01"))
                .when(received("500", "2024-10-05"));

        assertEquals(List.of(new DuePayment(money("300"), date("2024-11-01"), money("250"), false)), state.dues());
        assertMoney("250", state.balanceDue());
    }

    @Test
    void family_stays_overdue_until_the_whole_balance_is_paid() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), due("450", "2024-11-01"),
                overdue("450", "2024-10-01"))
                .when(received("450", "2024-10-20"));

        assertEquals(PaymentStatus.OVERDUE, state.paymentStatus());
        assertFalse(state.hasOverduePayment(), "the overdue due itself is settled");
        assertMoney("450", state.balanceDue());
    }

    @Test
    void money_paid_before_any_due_is_credit_and_status_stays_none() {
        FamilyState state = given(enrolled()).when(received("100", "2024-09-02"));

        assertEquals(PaymentStatus.NONE, state.paymentStatus());
        assertMoney("-100", state.balanceDue());
    }

    @Test
    void due_covered_by_credit_makes_family_paid() {
        FamilyState state = given(enrolled(), received("500", "2024-09-02")).when(due("450", "2024-10-01"));

        assertEquals(PaymentStatus.PAID, state.paymentStatus());
        assertMoney("-50", state.balanceDue());
        assertEquals(List.of(), state.dues());
    }

    @Test
    void due_partly_covered_by_credit_leaves_only_the_rest_outstanding() {
        FamilyState state = given(enrolled(), received("100", "2024-09-02")).when(due("450", "2024-10-01"));

        assertEquals(PaymentStatus.DUE, state.paymentStatus());
        assertMoney("350", state.dues().getFirst().outstanding());
    }

    @Test
    void dues_past_their_date_and_not_yet_overdue_are_listed_for_the_scheduler() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), due("450", "2024-11-01"),
                due("450", "2024-12-01"), overdue("450", "2024-10-01")).state();

        assertEquals(List.of(new DuePayment(money("450"), date("2024-11-01"), money("450"), false)),
                state.duesToMarkOverdue(date("2024-11-15")));
        assertEquals(List.of(), state.duesToMarkOverdue(date("2024-11-01")), "due on the day itself is not late");
    }

    @Test
    void payments_on_a_withdrawn_family_are_still_recorded() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), new FamilyWithdrawn(date("2024-10-05"), null))
                .when(received("450", "2024-10-20"));

        assertEquals(PaymentStatus.PAID, state.paymentStatus());
        assertEquals(FamilyStatus.WITHDRAWN, state.status());
    }
}
