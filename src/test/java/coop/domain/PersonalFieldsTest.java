package coop.domain;

import coop.domain.family.FamilyEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Every text field says whether it is personal data, and the Family events say what the issue lists. */
class PersonalFieldsTest {

    /** Every event catalog of the application; a new aggregate type adds its catalog here. */
    private static final List<EventCatalog<?>> CATALOGS = List.of(FamilyEvents.CATALOG);

    private static List<String> unclassifiedTextFields(EventCatalog<?> catalog) {
        List<String> unclassified = new ArrayList<>();
        for (EventType<?> type : catalog.all()) {
            for (int version = 1; version <= type.latestVersion(); version++) {
                for (Field field : type.schema(version).orElseThrow().fields()) {
                    if ((field.kind() == Field.Kind.TEXT || field.kind() == Field.Kind.EMAIL)
                            && field.privacy() == Field.Privacy.UNCLASSIFIED) {
                        unclassified.add(type.name() + " v" + version + " " + field.name());
                    }
                }
            }
        }
        return unclassified;
    }

    @Test
    void every_text_field_of_every_event_type_is_declared_personal_or_not() {
        for (EventCatalog<?> catalog : CATALOGS) {
            assertEquals(List.of(), unclassifiedTextFields(catalog),
                    "text may name people: declare each field .personal() or .notPersonal()");
        }
    }

    @Test
    void a_text_field_left_unclassified_is_found() {
        EventCatalog<Object> catalog = new EventCatalog<>(EventType.of("NoteTaken", Object.class,
                PayloadSchema.of(Field.text("note", 100), Field.text("note_id", 100).notPersonal())));

        assertEquals(List.of("NoteTaken v1 note"), unclassifiedTextFields(catalog));
    }

    @Test
    void family_personal_fields_are_names_ages_grades_reasons_and_the_contact() {
        Map<String, List<String>> personal = new TreeMap<>();
        for (EventType<?> type : FamilyEvents.CATALOG.all()) {
            List<String> fields = type.personalFields(type.latestVersion());
            if (!fields.isEmpty()) {
                personal.put(type.name(), fields);
            }
        }

        assertEquals(Map.of(
                "ChildAdded", List.of("child_name", "age", "grade"),
                "FamilyEnrolled", List.of("family_name", "parent_name", "email"),
                "ContactChanged", List.of("email"),
                "FamilyWithdrawalReversed", List.of("reason"),
                "FamilyWithdrawn", List.of("reason"),
                "PortalAccessLocked", List.of("reason"),
                "PortalAccessRestored", List.of("reason")), personal);
    }

    @Test
    void ids_amounts_dates_and_scores_are_not_personal() {
        EventType<?> received = FamilyEvents.CATALOG.byName("PaymentReceived").orElseThrow();
        EventType<?> score = FamilyEvents.CATALOG.byName("EngagementScoreUpdated").orElseThrow();

        assertEquals(List.of(), received.personalFields(1));
        assertEquals(List.of(), received.personalFields(2));
        assertEquals(List.of(), score.personalFields(1));
        assertEquals(List.of(), received.personalFields(99), "a version the type does not have has no fields");
    }

    @Test
    void marking_a_field_keeps_its_other_properties() {
        Field age = Field.integer("age", 0, 25).personal().optional();

        assertTrue(age.isPersonal());
        assertFalse(age.required());
        assertEquals(25, age.max());
        assertFalse(Field.date("due_date").isPersonal());
        assertEquals(Field.Privacy.UNCLASSIFIED, Field.text("x", 10).privacy());
    }
}
