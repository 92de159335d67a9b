package coop.domain.family;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Given a family's events, when the event a portal rule reacts to, and the events recorded after it (in the same
 * stream batch or since), then the follow-up the rule asks for.
 */
class PortalPolicyTest {

    private static final Optional<FamilyEvent> LOCK = Optional.of(new PortalAccessLocked("A payment is overdue"));
    private static final Optional<FamilyEvent> RESTORE =
            Optional.of(new PortalAccessRestored("No payment is overdue any more"));
    private static final Optional<FamilyEvent> NOTHING = Optional.empty();

    /** The decision on {@code when}, after every event was checked by the rules in order, as the store would. */
    private static Optional<FamilyEvent> decide(PortalPolicy rule, List<FamilyEvent> given, FamilyEvent when,
                                                FamilyEvent... since) {
        List<FamilyEvent> all = new ArrayList<>(given);
        all.add(when);
        all.addAll(List.of(since));
        given(all.toArray(FamilyEvent[]::new));
        return rule.decide(given(given.toArray(FamilyEvent[]::new)).when(when), List.of(since));
    }

    private static Optional<FamilyEvent> lock(List<FamilyEvent> given, FamilyEvent when, FamilyEvent... since) {
        return decide(PortalPolicy.LOCK_ON_OVERDUE, given, when, since);
    }

    private static Optional<FamilyEvent> restore(List<FamilyEvent> given, FamilyEvent when, FamilyEvent... since) {
        return decide(PortalPolicy.RESTORE_ON_PAYMENT, given, when, since);
    }

    private static List<FamilyEvent> twoDues() {
        return List.of(enrolled(), due("450", "2024-10-01"), due("300", "2024-11-01"));
    }

    private static List<FamilyEvent> lockedOverdue() {
        return List.of(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01"), lockedBy("trigger"));
    }

    private static PortalAccessLocked lockedBy(String who) {
        return new PortalAccessLocked("locked by " + who);
    }

    private static PortalAccessRestored restoredBy(String who) {
        return new PortalAccessRestored("restored by " + who);
    }

    private static ChildAdded child() {
        return new ChildAdded("Lucas", 8, 3);
    }

    @Test
    void an_overdue_payment_on_an_active_portal_locks_it() {
        assertEquals(LOCK, lock(List.of(enrolled(), due("450", "2024-10-01")), overdue("450", "2024-10-01")));
    }

    @Test
    void an_overdue_payment_on_a_portal_already_locked_asks_for_nothing() {
        assertEquals(NOTHING, lock(List.of(enrolled(), due("450", "2024-10-01"), lockedBy("a coordinator")),
                overdue("450", "2024-10-01")));
    }

    @Test
    void an_overdue_that_was_paid_before_the_rule_acts_asks_for_nothing() {
        assertEquals(NOTHING, lock(List.of(enrolled(), due("450", "2024-10-01")), overdue("450", "2024-10-01"),
                received("450", "2024-10-20")));
    }

    @Test
    void an_overdue_followed_in_the_same_batch_by_a_manual_restore_asks_for_nothing() {
        List<FamilyEvent> given = List.of(enrolled(), due("450", "2024-10-01"), due("300", "2024-11-01"),
                overdue("450", "2024-10-01"), lockedBy("trigger"));
        assertEquals(NOTHING, lock(given, overdue("300", "2024-11-01"), restoredBy("a coordinator")));
    }

    @Test
    void an_overdue_on_an_active_portal_that_a_person_locked_and_restored_since_asks_for_nothing() {
        assertEquals(NOTHING, lock(twoDues(), overdue("450", "2024-10-01"), lockedBy("a coordinator"),
                restoredBy("a coordinator")));
    }

    @Test
    void an_overdue_whose_lock_already_landed_asks_for_nothing_again() {
        assertEquals(NOTHING, lock(twoDues(), overdue("450", "2024-10-01"), lockedBy("trigger")));
    }

    @Test
    void an_overdue_followed_by_events_that_leave_the_portal_alone_still_locks() {
        assertEquals(LOCK, lock(twoDues(), overdue("450", "2024-10-01"), child(), due("80", "2024-12-01")));
    }

    @Test
    void an_overdue_a_restore_and_a_newer_overdue_lock_once_caused_by_the_newer_one() {
        FamilyEvent older = overdue("450", "2024-10-01");
        FamilyEvent newer = overdue("300", "2024-11-01");
        assertEquals(NOTHING, lock(twoDues(), older, lockedBy("trigger"), restoredBy("a coordinator"), newer));
        List<FamilyEvent> beforeNewer = new ArrayList<>(twoDues());
        beforeNewer.addAll(List.of(older, lockedBy("trigger"), restoredBy("a coordinator")));
        assertEquals(LOCK, lock(beforeNewer, newer));
    }

    @Test
    void of_two_overdues_in_a_row_the_later_one_causes_the_lock() {
        FamilyEvent first = overdue("450", "2024-10-01");
        FamilyEvent second = overdue("300", "2024-11-01");
        assertEquals(NOTHING, lock(twoDues(), first, second));
        List<FamilyEvent> beforeSecond = new ArrayList<>(twoDues());
        beforeSecond.add(first);
        assertEquals(LOCK, lock(beforeSecond, second));
    }

    @Test
    void an_overdue_paid_since_but_followed_by_a_newer_overdue_leaves_the_lock_to_the_newer_one() {
        assertEquals(NOTHING, lock(twoDues(), overdue("450", "2024-10-01"), received("450", "2024-10-20"),
                overdue("300", "2024-11-01")));
    }

    @Test
    void a_payment_that_leaves_nothing_overdue_restores_a_locked_portal() {
        assertEquals(RESTORE, restore(lockedOverdue(), received("450", "2024-10-20")));
    }

    @Test
    void a_partial_payment_leaves_the_portal_locked() {
        assertEquals(NOTHING, restore(lockedOverdue(), received("100", "2024-10-20")));
    }

    @Test
    void a_payment_on_an_active_portal_asks_for_nothing() {
        assertEquals(NOTHING, restore(List.of(enrolled(), due("450", "2024-10-01")), received("450", "2024-10-20")));
    }

    @Test
    void a_payment_followed_in_the_same_batch_by_a_manual_restore_and_lock_leaves_the_portal_locked() {
        assertEquals(NOTHING, restore(lockedOverdue(), received("450", "2024-10-20"), restoredBy("a coordinator"),
                lockedBy("a coordinator")));
    }

    @Test
    void a_payment_whose_restore_already_landed_asks_for_nothing_again() {
        assertEquals(NOTHING, restore(lockedOverdue(), received("450", "2024-10-20"), restoredBy("trigger")));
    }

    @Test
    void a_payment_followed_by_a_newer_overdue_asks_for_nothing() {
        List<FamilyEvent> given = new ArrayList<>(lockedOverdue());
        given.add(due("300", "2024-11-01"));
        assertEquals(NOTHING, restore(given, received("450", "2024-10-20"), overdue("300", "2024-11-01")));
    }

    @Test
    void a_payment_followed_by_a_child_added_still_restores() {
        assertEquals(RESTORE, restore(lockedOverdue(), received("450", "2024-10-20"), child()));
    }

    @Test
    void a_partial_then_a_full_payment_restore_once_caused_by_the_full_one() {
        FamilyEvent partial = received("100", "2024-10-20");
        FamilyEvent rest = received("350", "2024-10-25");
        assertEquals(NOTHING, restore(lockedOverdue(), partial, rest));
        List<FamilyEvent> beforeRest = new ArrayList<>(lockedOverdue());
        beforeRest.add(partial);
        assertEquals(RESTORE, restore(beforeRest, rest));
    }

    @Test
    void each_rule_names_the_event_it_reacts_to() {
        assertEquals(PaymentOverdue.class, PortalPolicy.LOCK_ON_OVERDUE.reactsTo());
        assertEquals(PaymentReceived.class, PortalPolicy.RESTORE_ON_PAYMENT.reactsTo());
    }
}
