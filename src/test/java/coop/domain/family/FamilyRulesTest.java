package coop.domain.family;

import coop.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.*;

class FamilyRulesTest {

    private static final FamilyWithdrawn WITHDRAWN = new FamilyWithdrawn(date("2024-11-01"), "moving");

    private static String rejected(FamilyScenario given, FamilyEvent event) {
        return assertThrows(RuleViolation.class, () -> given.when(event)).getMessage();
    }

    @Test
    void child_added_before_enrolment_is_rejected() {
        String message = rejected(given(), new ChildAdded("Sofia", 8, 3));

        assertEquals("ChildAdded cannot happen before the family is enrolled (FamilyEnrolled comes first)", message);
    }

    @Test
    void any_event_before_enrolment_is_rejected() {
        assertThrows(RuleViolation.class, () -> given().when(due("450", "2024-10-01")));
        assertThrows(RuleViolation.class, () -> given().when(new PortalAccessLocked("x")));
        assertThrows(RuleViolation.class, () -> given().when(new EngagementScoreUpdated(10)));
    }

    @Test
    void second_enrolment_is_rejected() {
        assertTrue(rejected(given(enrolled()), enrolled()).contains("already enrolled"));
    }

    @Test
    void enrolment_without_a_family_name_is_rejected() {
        assertThrows(RuleViolation.class,
                () -> given().when(new FamilyEnrolled(" ", date("2024-09-01"), null, null)));
    }

    @Test
    void child_added_to_a_withdrawn_family_is_rejected() {
        assertTrue(rejected(given(enrolled(), WITHDRAWN), new ChildAdded("Sofia", 8, 3)).contains("withdrawn"));
    }

    @Test
    void engagement_score_of_a_withdrawn_family_is_rejected() {
        assertThrows(RuleViolation.class, () -> given(enrolled(), WITHDRAWN).when(new EngagementScoreUpdated(50)));
    }

    @Test
    void payment_due_on_a_withdrawn_family_is_accepted() {
        FamilyState state = given(enrolled(), WITHDRAWN).when(due("450", "2024-11-01"));

        assertEquals(PaymentStatus.DUE, state.paymentStatus());
    }

    @Test
    void withdrawal_of_a_withdrawn_family_is_rejected() {
        assertEquals("The family is already withdrawn", rejected(given(enrolled(), WITHDRAWN), WITHDRAWN));
    }

    @Test
    void withdrawal_before_the_enrolment_date_is_rejected() {
        assertThrows(RuleViolation.class,
                () -> given(enrolled()).when(new FamilyWithdrawn(date("2024-08-01"), null)));
    }

    @Test
    void reversal_of_a_family_that_is_not_withdrawn_is_rejected() {
        assertThrows(RuleViolation.class,
                () -> given(enrolled()).when(new FamilyWithdrawalReversed("oops", "abc-123")));
    }

    @Test
    void vacation_of_a_withdrawn_family_is_rejected() {
        assertThrows(RuleViolation.class,
                () -> given(enrolled(), WITHDRAWN).when(new VacationStarted(date("2024-12-20"), null)));
    }

    @Test
    void second_vacation_start_is_rejected() {
        VacationStarted start = new VacationStarted(date("2024-12-20"), null);

        assertEquals("The family is already on vacation", rejected(given(enrolled(), start), start));
    }

    @Test
    void vacation_returning_before_it_starts_is_rejected() {
        assertThrows(RuleViolation.class,
                () -> given(enrolled()).when(new VacationStarted(date("2024-12-20"), date("2024-12-01"))));
    }

    @Test
    void vacation_end_when_not_on_vacation_is_rejected() {
        assertThrows(RuleViolation.class, () -> given(enrolled()).when(new VacationEnded(date("2025-01-06"))));
    }

    @Test
    void vacation_ending_before_it_started_is_rejected() {
        assertThrows(RuleViolation.class, () -> given(enrolled(), new VacationStarted(date("2024-12-20"), null))
                .when(new VacationEnded(date("2024-12-19"))));
    }

    @Test
    void portal_lock_when_already_locked_is_rejected() {
        PortalAccessLocked lock = new PortalAccessLocked("overdue");

        assertThrows(RuleViolation.class, () -> given(enrolled(), lock).when(lock));
    }

    @Test
    void portal_restore_when_not_locked_is_rejected() {
        assertThrows(RuleViolation.class, () -> given(enrolled()).when(new PortalAccessRestored("paid")));
    }

    @Test
    void overdue_for_a_payment_never_due_is_rejected() {
        String message = rejected(given(enrolled(), due("450", "2024-10-01")), overdue("400", "2024-10-01"));

        assertEquals("There is no unpaid payment of 400 due on 2024-10-01 to declare overdue", message);
    }

    @Test
    void overdue_for_a_payment_already_paid_is_rejected() {
        assertThrows(RuleViolation.class, () -> given(enrolled(), due("450", "2024-10-01"),
                received("450", "2024-10-01")).when(overdue("450", "2024-10-01")));
    }

    @Test
    void overdue_twice_for_the_same_due_is_rejected() {
        String message = rejected(given(enrolled(), due("450", "2024-10-01"), overdue("450", "2024-10-01")),
                overdue("450.00", "2024-10-01"));

        assertEquals("The payment of 450.00 due on 2024-10-01 is already overdue", message);
    }

    @Test
    void overdue_matches_the_second_of_two_equal_dues() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01"), due("450", "2024-10-01"),
                overdue("450", "2024-10-01"))
                .when(overdue("450", "2024-10-01"));

        assertTrue(state.dues().stream().allMatch(DuePayment::overdue));
    }

    @Test
    void non_positive_amounts_are_rejected() {
        FamilyScenario family = given(enrolled(), due("450", "2024-10-01"));

        assertThrows(RuleViolation.class, () -> family.when(due("0", "2024-10-01")));
        assertThrows(RuleViolation.class, () -> family.when(received("-5", "2024-10-01")));
        assertThrows(RuleViolation.class, () -> family.when(new PaymentDue(null, date("2024-10-01"))));
    }

    @Test
    void payment_without_a_method_is_rejected() {
        assertThrows(RuleViolation.class,
                () -> given(enrolled()).when(new PaymentReceived(money("10"), date("2024-10-01"), null)));
    }

    @Test
    void a_child_beyond_the_limit_is_rejected_and_the_last_one_within_it_is_accepted() {
        FamilyEvent[] history = new FamilyEvent[FamilyLimits.MAX_CHILDREN];
        history[0] = enrolled();
        for (int i = 1; i < history.length; i++) {
            history[i] = new ChildAdded("Child " + i, 8, 3);
        }
        FamilyState full = given(history).when(new ChildAdded("Child 20", 8, 3));
        assertEquals(FamilyLimits.MAX_CHILDREN, full.children().size());

        FamilyScenario atLimit = given(concat(history, new ChildAdded("Child 20", 8, 3)));

        assertEquals("The family already has 20 children, the most one family can have",
                rejected(atLimit, new ChildAdded("Child 21", 8, 3)));
    }

    @Test
    void a_due_beyond_the_unpaid_limit_is_rejected_until_a_payment_settles_one() {
        FamilyEvent[] history = new FamilyEvent[1 + FamilyLimits.MAX_UNPAID_DUES];
        history[0] = enrolled();
        for (int i = 1; i < history.length; i++) {
            history[i] = due("10", "2024-10-01");
        }
        FamilyScenario owing = given(history);
        assertEquals(FamilyLimits.MAX_UNPAID_DUES, owing.state().dues().size());

        assertTrue(rejected(owing, due("10", "2024-11-01")).startsWith("The family already owes 500 unpaid dues"));

        FamilyScenario afterPayment = given(concat(history, received("10", "2024-10-02")));
        FamilyState charged = afterPayment.when(due("10", "2024-11-01"));
        assertEquals(FamilyLimits.MAX_UNPAID_DUES, charged.dues().size());
    }

    private static FamilyEvent[] concat(FamilyEvent[] history, FamilyEvent next) {
        FamilyEvent[] longer = java.util.Arrays.copyOf(history, history.length + 1);
        longer[history.length] = next;
        return longer;
    }
}
