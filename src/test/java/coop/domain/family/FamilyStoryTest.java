package coop.domain.family;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.*;

class FamilyStoryTest {

    @Test
    void martinez_family_who_paid_late_ends_paid_with_nothing_owed() {
        FamilyState state = given(
                enrolled(),
                new ChildAdded("Sofia Martinez", 8, 3),
                due("450", "2024-10-01"),
                overdue("450", "2024-10-01"))
                .when(new PaymentReceived(money("450"), date("2024-10-20"), "credit_card"));

        assertEquals("family_123", state.familyId());
        assertEquals("Martinez Family", state.familyName());
        assertEquals(FamilyStatus.ENROLLED, state.status());
        assertEquals(date("2024-09-01"), state.enrollmentDate());
        assertEquals(List.of(new Child("Sofia Martinez", 8, 3)), state.children());
        assertEquals(List.of(new Payment(money("450"), date("2024-10-20"), "credit_card")), state.payments());
        assertEquals(PaymentStatus.PAID, state.paymentStatus());
        assertMoney("0", state.balanceDue());
        assertEquals(List.of(), state.dues());
        assertFalse(state.hasOverduePayment());
    }

    @Test
    void a_family_starts_not_enrolled_with_nothing_owed_and_the_portal_open() {
        FamilyState state = Family.INSTANCE.initialState("family_9");

        assertEquals("family_9", state.familyId());
        assertEquals(FamilyStatus.NOT_ENROLLED, state.status());
        assertEquals(PaymentStatus.NONE, state.paymentStatus());
        assertMoney("0", state.balanceDue());
        assertEquals(PortalAccess.ACTIVE, state.portalAccess());
        assertEquals(0, state.engagementScore());
        assertEquals(List.of(), state.children());
    }

    @Test
    void children_are_added_in_order() {
        FamilyState state = given(enrolled(), new ChildAdded("Sofia Martinez", 8, 3))
                .when(new ChildAdded("Mateo Martinez", null, null));

        assertEquals(List.of(new Child("Sofia Martinez", 8, 3), new Child("Mateo Martinez", null, null)),
                state.children());
    }

    @Test
    void engagement_score_update_replaces_the_score() {
        FamilyState state = given(enrolled(), new EngagementScoreUpdated(40)).when(new EngagementScoreUpdated(85));

        assertEquals(85, state.engagementScore());
    }

    @Test
    void portal_lock_closes_the_portal_and_restore_reopens_it() {
        FamilyState locked = given(enrolled()).when(new PortalAccessLocked("payment overdue"));
        assertEquals(PortalAccess.LOCKED, locked.portalAccess());

        FamilyState restored = given(enrolled(), new PortalAccessLocked("payment overdue"))
                .when(new PortalAccessRestored("paid"));
        assertEquals(PortalAccess.ACTIVE, restored.portalAccess());
    }

    @Test
    void vacation_start_and_end_move_the_family_between_on_vacation_and_enrolled() {
        FamilyState away = given(enrolled()).when(new VacationStarted(date("2024-12-20"), date("2025-01-06")));
        assertEquals(FamilyStatus.ON_VACATION, away.status());
        assertEquals(date("2024-12-20"), away.vacationStartDate());

        FamilyState back = given(enrolled(), new VacationStarted(date("2024-12-20"), null))
                .when(new VacationEnded(date("2025-01-06")));
        assertEquals(FamilyStatus.ENROLLED, back.status());
        assertNull(back.vacationStartDate());
    }

    @Test
    void withdrawal_records_the_date_and_reversal_restores_enrolled() {
        FamilyState withdrawn = given(enrolled()).when(new FamilyWithdrawn(date("2024-11-01"), "moving"));
        assertEquals(FamilyStatus.WITHDRAWN, withdrawn.status());
        assertEquals(date("2024-11-01"), withdrawn.withdrawalDate());

        FamilyState reversed = given(enrolled(), new FamilyWithdrawn(date("2024-11-01"), "moving"))
                .when(new FamilyWithdrawalReversed("Administrative error", "abc-123"));
        assertEquals(FamilyStatus.ENROLLED, reversed.status());
        assertNull(reversed.withdrawalDate());
        assertNull(reversed.statusBeforeWithdrawal());
    }

    @Test
    void reversing_a_withdrawal_made_during_a_vacation_returns_to_that_vacation() {
        FamilyState state = given(
                enrolled(),
                new VacationStarted(date("2024-12-20"), null),
                new FamilyWithdrawn(date("2024-12-22"), "wrong family"))
                .when(new FamilyWithdrawalReversed("Administrative error", "abc-123"));

        assertEquals(FamilyStatus.ON_VACATION, state.status());
        assertEquals(date("2024-12-20"), state.vacationStartDate());
        assertNull(state.withdrawalDate());
    }

    @Test
    void state_lists_are_immutable_copies() {
        List<Child> children = new ArrayList<>(List.of(new Child("Ana", 5, 0)));
        FamilyState state = new FamilyState("f", "F", FamilyStatus.ENROLLED, null, children, null, 0, null, null,
                null, null, null, 0, null, null, null, null, false, null, null);
        children.clear();

        assertEquals(1, state.children().size());
        assertEquals(List.of(), state.payments());
        assertThrows(UnsupportedOperationException.class, () -> state.children().add(new Child("Bo", 3, 0)));
    }
}
