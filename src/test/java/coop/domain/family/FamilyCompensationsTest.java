package coop.domain.family;

import coop.domain.Compensation;
import org.junit.jupiter.api.Test;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.*;

class FamilyCompensationsTest {

    private static final String REASON = "Administrative error";

    private static Compensation<FamilyEvent> revert(FamilyState current, FamilyEvent original) {
        return Family.INSTANCE.compensations().compensate(current, original, "abc-123", REASON);
    }

    private static void assertSkipped(String reason, Compensation<FamilyEvent> compensation) {
        assertEquals(new Compensation.Skip<FamilyEvent>(reason), compensation);
    }

    @Test
    void withdrawal_is_compensated_by_a_reversal_pointing_at_it() {
        FamilyWithdrawn withdrawn = new FamilyWithdrawn(date("2024-11-01"), null);
        FamilyScenario family = given(enrolled(), withdrawn);

        Compensation<FamilyEvent> compensation = revert(family.state(), withdrawn);

        assertEquals(new Compensation.Append<FamilyEvent>(new FamilyWithdrawalReversed(REASON, "abc-123")),
                compensation);
        assertEquals(FamilyStatus.ENROLLED,
                family.when(((Compensation.Append<FamilyEvent>) compensation).event()).status());
    }

    @Test
    void withdrawal_already_reversed_is_skipped() {
        FamilyWithdrawn withdrawn = new FamilyWithdrawn(date("2024-11-01"), null);
        FamilyState state = given(enrolled(), withdrawn, new FamilyWithdrawalReversed("by hand", "abc-123")).state();

        assertSkipped("the family is no longer withdrawn", revert(state, withdrawn));
    }

    @Test
    void portal_lock_is_compensated_by_a_restore_while_still_locked() {
        PortalAccessLocked locked = new PortalAccessLocked("overdue");

        assertEquals(new Compensation.Append<FamilyEvent>(new PortalAccessRestored(REASON)),
                revert(given(enrolled(), locked).state(), locked));
        assertSkipped("the portal access is no longer locked",
                revert(given(enrolled(), locked, new PortalAccessRestored("paid")).state(), locked));
    }

    @Test
    void vacation_is_compensated_by_ending_it_on_its_start_date() {
        VacationStarted started = new VacationStarted(date("2024-12-20"), date("2025-01-06"));

        assertEquals(new Compensation.Append<FamilyEvent>(new VacationEnded(date("2024-12-20"))),
                revert(given(enrolled(), started).state(), started));
    }

    @Test
    void vacation_that_already_ended_or_was_followed_by_another_is_skipped() {
        VacationStarted first = new VacationStarted(date("2024-12-20"), null);
        FamilyState ended = given(enrolled(), first, new VacationEnded(date("2025-01-06"))).state();
        FamilyState second = given(enrolled(), first, new VacationEnded(date("2025-01-06")),
                new VacationStarted(date("2025-02-10"), null)).state();

        assertSkipped("the family is no longer on that vacation", revert(ended, first));
        assertSkipped("the family is no longer on that vacation", revert(second, first));
    }

    @Test
    void engagement_score_update_is_skipped_for_lack_of_the_previous_score() {
        Compensation<FamilyEvent> compensation =
                revert(given(enrolled(), new EngagementScoreUpdated(80)).state(), new EngagementScoreUpdated(80));

        assertInstanceOf(Compensation.Skip.class, compensation);
    }

    @Test
    void other_events_have_no_compensation() {
        FamilyState state = given(enrolled(), due("450", "2024-10-01")).state();

        assertSkipped("no compensation is defined for PaymentDue", revert(state, due("450", "2024-10-01")));
        assertSkipped("no compensation is defined for FamilyEnrolled", revert(state, enrolled()));
    }
}
