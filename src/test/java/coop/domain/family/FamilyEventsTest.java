package coop.domain.family;

import coop.domain.EventType;
import coop.domain.Field;
import coop.domain.FieldProblem;
import coop.domain.PayloadSchema;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class FamilyEventsTest {

    private static EventType<? extends FamilyEvent> type(String name) {
        return FamilyEvents.CATALOG.byName(name).orElseThrow();
    }

    private static List<FieldProblem> problems(String type, int version, Map<String, Object> payload) {
        PayloadSchema schema = type(type).schema(version).orElseThrow();
        return schema.problems(payload);
    }

    @Test
    void every_family_event_record_has_a_catalog_entry() {
        Set<Class<?>> catalogued = FamilyEvents.CATALOG.all().stream().map(EventType::type).collect(Collectors.toSet());

        for (Class<?> record : FamilyEvent.class.getPermittedSubclasses()) {
            assertTrue(catalogued.contains(record), record.getSimpleName() + " has no catalog entry");
        }
        assertEquals(FamilyEvent.class.getPermittedSubclasses().length, catalogued.size());
    }

    @Test
    void stored_names_are_the_api_event_types() {
        Set<String> names = new HashSet<>(FamilyEvents.CATALOG.all().stream().map(EventType::name).toList());

        assertEquals(Set.of("FamilyEnrolled", "ChildAdded", "PaymentDue", "PaymentOverdue", "PaymentReceived",
                "PortalAccessLocked", "PortalAccessRestored", "EngagementScoreUpdated", "FamilyWithdrawn",
                "FamilyWithdrawalReversed", "VacationStarted", "VacationEnded", "PersonalDataErased", "ContactChanged",
                "NotificationPreferencesChanged", "NotificationSent"), names);
    }

    @Test
    void payment_received_is_at_version_2_and_every_other_type_at_version_1() {
        for (EventType<? extends FamilyEvent> type : FamilyEvents.CATALOG.all()) {
            assertEquals(type.name().equals("PaymentReceived") ? 2 : 1, type.latestVersion(), type.name());
        }
    }

    @Test
    void v1_payment_received_reads_as_v2_with_unknown_method_and_its_input_untouched() {
        Map<String, Object> v1 = new HashMap<>(Map.of("amount", 450, "date", "2024-10-20"));
        Map<String, Object> snapshot = Map.copyOf(v1);

        Map<String, Object> v2 = type("PaymentReceived").upcast(1, v1);

        assertEquals(Map.of("amount", 450, "date", "2024-10-20", "payment_method", "unknown"), v2);
        assertEquals(snapshot, v1);
        assertEquals(List.of(), problems("PaymentReceived", 2, v2));
    }

    @Test
    void v2_payment_received_is_not_upcast() {
        Map<String, Object> v2 = Map.of("amount", 450, "date", "2024-10-20", "payment_method", "cash");

        assertEquals(v2, type("PaymentReceived").upcast(2, v2));
    }

    @Test
    void v1_payment_received_without_a_method_is_valid_but_v2_requires_it() {
        Map<String, Object> payload = Map.of("amount", 450, "date", "2024-10-20");

        assertEquals(List.of(), problems("PaymentReceived", 1, payload));
        assertEquals(List.of(new FieldProblem("payment_method", "is required")),
                problems("PaymentReceived", 2, payload));
    }

    @Test
    void valid_enrolment_has_no_problems() {
        assertEquals(List.of(), problems("FamilyEnrolled", 1, Map.of("family_name", "Martinez Family",
                "enrollment_date", "2024-09-01", "parent_name", "Maria Martinez", "children_count", 2)));
    }

    @Test
    void enrolment_without_required_fields_names_each_missing_field() {
        assertEquals(List.of(new FieldProblem("family_name", "is required"),
                        new FieldProblem("enrollment_date", "is required")),
                problems("FamilyEnrolled", 1, Map.of("parent_name", "Maria")));
    }

    @Test
    void impossible_date_is_a_problem() {
        assertEquals(List.of(new FieldProblem("due_date", "is not a calendar date")),
                problems("PaymentDue", 1, Map.of("amount", 450, "due_date", "2024-02-30")));
    }

    @Test
    void negative_amount_is_a_problem() {
        assertEquals(List.of(new FieldProblem("amount", "must be greater than 0")),
                problems("PaymentDue", 1, Map.of("amount", -450, "due_date", "2024-10-01")));
    }

    @Test
    void out_of_range_integers_are_problems() {
        assertEquals(List.of(new FieldProblem("age", "must be between 0 and 25"),
                        new FieldProblem("grade", "must be between 0 and 12")),
                problems("ChildAdded", 1, Map.of("child_name", "Sofia", "age", 30, "grade", -1)));
        assertEquals(List.of(new FieldProblem("new_score", "must be between 0 and 100")),
                problems("EngagementScoreUpdated", 1, Map.of("new_score", 101)));
        assertEquals(List.of(new FieldProblem("children_count", "must be between 0 and 20")),
                problems("FamilyEnrolled", 1, Map.of("family_name", "M", "enrollment_date", "2024-09-01",
                        "children_count", -1)));
    }

    @Test
    void wrong_types_are_problems() {
        assertEquals(List.of(new FieldProblem("new_score", "must be an integer")),
                problems("EngagementScoreUpdated", 1, Map.of("new_score", "high")));
        assertEquals(List.of(new FieldProblem("reason", "must be a string")),
                problems("PortalAccessLocked", 1, Map.of("reason", 42)));
    }

    @Test
    void unknown_field_is_a_problem() {
        assertEquals(List.of(new FieldProblem("family_id", "is not a field of this event")),
                problems("VacationEnded", 1, Map.of("end_date", "2025-01-06", "family_id", "family_123")));
    }

    @Test
    void reversal_requires_reason_and_original_event_id() {
        assertEquals(List.of(new FieldProblem("original_event_id", "is required")),
                problems("FamilyWithdrawalReversed", 1, Map.of("reason", "Administrative error")));
    }

    @Test
    void dates_outside_1900_to_2125_are_problems_and_the_bounds_themselves_are_not() {
        String range = "must be between 1900-01-01 and 2125-12-31";
        assertEquals(List.of(new FieldProblem("enrollment_date", range)),
                problems("FamilyEnrolled", 1, Map.of("family_name", "M", "enrollment_date", "0000-01-01")));
        assertEquals(List.of(new FieldProblem("due_date", range)),
                problems("PaymentDue", 1, Map.of("amount", 450, "due_date", "1899-12-31")));
        assertEquals(List.of(new FieldProblem("expected_return", range)),
                problems("VacationStarted", 1, Map.of("start_date", "2024-12-20", "expected_return", "2126-01-01")));
        assertEquals(List.of(new FieldProblem("date", range)),
                problems("PaymentReceived", 2, Map.of("amount", 5, "date", "9999-12-31", "payment_method", "cash")));
        assertEquals(List.of(), problems("PaymentDue", 1, Map.of("amount", 450, "due_date", "1900-01-01")));
        assertEquals(List.of(), problems("PaymentDue", 1, Map.of("amount", 450, "due_date", "2125-12-31")));
    }

    @Test
    void every_text_field_has_its_own_length_limit_and_one_more_character_is_a_problem() {
        Map<String, Map<String, Object>> atLimit = Map.of(
                "FamilyEnrolled", Map.of("family_name", "f".repeat(200), "parent_name", "p".repeat(200),
                        "enrollment_date", "2024-09-01"),
                "ChildAdded", Map.of("child_name", "c".repeat(200)),
                "PaymentReceived", Map.of("amount", 5, "date", "2024-10-01", "payment_method", "m".repeat(100)),
                "PortalAccessLocked", Map.of("reason", "r".repeat(2_000)),
                "FamilyWithdrawn", Map.of("withdrawal_date", "2024-11-01", "reason", "r".repeat(2_000)),
                "FamilyWithdrawalReversed", Map.of("reason", "r".repeat(2_000), "original_event_id", "e".repeat(200)));
        for (var entry : atLimit.entrySet()) {
            String type = entry.getKey();
            int version = type.equals("PaymentReceived") ? 2 : 1;
            assertEquals(List.of(), problems(type, version, entry.getValue()), type);
            for (var field : entry.getValue().entrySet()) {
                if (!(field.getValue() instanceof String text) || text.length() < 100) {
                    continue;
                }
                Map<String, Object> tooLong = new HashMap<>(entry.getValue());
                tooLong.put(field.getKey(), text + "x");
                assertEquals(List.of(new FieldProblem(field.getKey(), "must be at most " + text.length()
                        + " characters")), problems(type, version, tooLong), type + "." + field.getKey());
            }
        }
    }

    @Test
    void every_text_field_of_the_catalog_is_bounded_by_a_family_limit() {
        for (EventType<? extends FamilyEvent> type : FamilyEvents.CATALOG.all()) {
            for (PayloadSchema schema : type.schemas()) {
                schema.fields().stream().filter(field -> field.kind() == Field.Kind.TEXT).forEach(field ->
                        assertTrue(field.max() <= FamilyLimits.MAX_NAME_LENGTH
                                || field.name().equals("reason") && field.max() == FamilyLimits.MAX_REASON_LENGTH,
                                type.name() + "." + field.name() + " may hold " + field.max() + " characters"));
            }
        }
    }
}
