package coop.domain.family;

import coop.domain.EventType;
import coop.domain.FieldProblem;
import coop.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static coop.domain.family.FamilyScenario.*;
import static org.junit.jupiter.api.Assertions.*;

/** The family's contact address and notice preferences: given events, when one more, then the state or a refusal. */
class FamilyContactTest {

    private static List<FieldProblem> problems(String type, Map<String, Object> payload) {
        EventType<? extends FamilyEvent> eventType = FamilyEvents.CATALOG.byName(type).orElseThrow();
        return eventType.schema(1).orElseThrow().problems(payload);
    }

    @Test
    void an_email_given_at_enrolment_is_the_contact() {
        FamilyState state = given().when(new FamilyEnrolled("Chen Family", date("2024-09-01"), null, null,
                "mei.chen@example.org"));

        assertEquals("mei.chen@example.org", state.email());
    }

    @Test
    void a_contact_change_replaces_the_address() {
        FamilyState state = given(new FamilyEnrolled("Chen Family", date("2024-09-01"), null, null, "old@example.org"))
                .when(new ContactChanged("new@example.org"));

        assertEquals("new@example.org", state.email());
    }

    @Test
    void an_enrolment_without_email_leaves_no_contact() {
        assertNull(given().when(enrolled()).email());
    }

    @Test
    void opting_out_and_back_in_is_per_kind_of_notice() {
        FamilyState state = given(enrolled(),
                new NotificationPreferencesChanged("payment_reminder", "opt_out"),
                new NotificationPreferencesChanged("portal_locked", "opt_out"))
                .when(new NotificationPreferencesChanged("portal_locked", "opt_in"));

        assertEquals(List.of("payment_reminder"), state.optedOutNotices());
        assertTrue(state.optedOutOf(NoticeKind.PAYMENT_REMINDER));
        assertFalse(state.optedOutOf(NoticeKind.PORTAL_LOCKED));
    }

    @Test
    void an_unknown_notice_or_choice_is_refused_with_the_valid_ones() {
        String unknown = assertThrows(RuleViolation.class, () -> given(enrolled())
                .when(new NotificationPreferencesChanged("newsletter", "opt_out"))).getMessage();
        String badChoice = assertThrows(RuleViolation.class, () -> given(enrolled())
                .when(new NotificationPreferencesChanged("payment_receipt", "maybe"))).getMessage();

        assertTrue(unknown.contains("payment_reminder"), unknown);
        assertTrue(badChoice.contains("opt_out"), badChoice);
    }

    @Test
    void an_address_that_is_not_an_email_is_a_field_problem() {
        assertEquals(List.of(new FieldProblem("email", "must be an email address (name@example.org)")),
                problems("ContactChanged", Map.of("email", "mei.chen at example.org")));
        assertEquals(List.of(new FieldProblem("email", "must be an email address (name@example.org)")),
                problems("FamilyEnrolled", Map.of("family_name", "Chen Family", "enrollment_date", "2024-09-01",
                        "email", "mei@localhost")));
        assertEquals(List.of(), problems("ContactChanged", Map.of("email", "mei.chen+coop@mail.example.org")));
    }

    @Test
    void a_notification_sent_changes_nothing_the_rules_look_at() {
        FamilyState before = given(enrolled()).when(new ContactChanged("a@example.org"));
        FamilyState after = given(enrolled(), new ContactChanged("a@example.org"))
                .when(new NotificationSent("payment_receipt", NotificationSent.EMAIL, "evt-1", "msg-1"));

        assertEquals(before, after);
    }
}
