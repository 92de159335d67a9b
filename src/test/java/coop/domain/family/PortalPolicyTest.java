package coop.domain.family;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Given a family's events, when the event a portal rule reacts to, then the follow-up the rule asks for. */
class PortalPolicyTest {

    private static Optional<FamilyEvent> lockAfter(FamilyScenario given, FamilyEvent when) {
        return PortalPolicy.LOCK_ON_OVERDUE.decide(given.when(when));
    }

    private static Optional<FamilyEvent> restoreAfter(FamilyScenario given, FamilyEvent when) {
        return PortalPolicy.RESTORE_ON_PAYMENT.decide(given.when(when));
    }

    @Test
    void an_overdue_payment_on_an_active_portal_locks_it() {
        assertEquals(Optional.of(new PortalAccessLocked("A payment is overdue")),
                lockAfter(given(enrolled(), due("450", "2024-10-01")), overdue("450", "2024-10-01")));
    }

    @Test
    void an_overdue_payment_on_a_portal_already_locked_asks_for_nothing() {
        assertEquals(Optional.empty(), lockAfter(given(enrolled(), due("450", "2024-10-01"),
                new PortalAccessLocked("by hand")), overdue("450", "2024-10-01")));
    }

    @Test
    void an_overdue_that_was_paid_before_the_rule_acts_asks_for_nothing() {
        FamilyScenario paidSince = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"));
        assertEquals(Optional.empty(), lockAfter(paidSince, received("450", "2024-10-20")));
    }

    @Test
    void a_payment_that_leaves_nothing_overdue_restores_a_locked_portal() {
        FamilyScenario locked = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"),
                new PortalAccessLocked("A payment is overdue"));
        assertEquals(Optional.of(new PortalAccessRestored("No payment is overdue any more")),
                restoreAfter(locked, received("450", "2024-10-20")));
    }

    @Test
    void a_partial_payment_leaves_the_portal_locked() {
        FamilyScenario locked = given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"),
                new PortalAccessLocked("A payment is overdue"));
        assertEquals(Optional.empty(), restoreAfter(locked, received("100", "2024-10-20")));
    }

    @Test
    void a_payment_on_an_active_portal_asks_for_nothing() {
        assertEquals(Optional.empty(), restoreAfter(given(enrolled(), due("450", "2024-10-01")),
                received("450", "2024-10-20")));
    }

    @Test
    void each_rule_names_the_event_it_reacts_to() {
        assertEquals(PaymentOverdue.class, PortalPolicy.LOCK_ON_OVERDUE.reactsTo());
        assertEquals(PaymentReceived.class, PortalPolicy.RESTORE_ON_PAYMENT.reactsTo());
    }
}
