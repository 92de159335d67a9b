package coop.domain.family;

import coop.domain.EventCatalog;
import coop.domain.EventType;
import coop.domain.Field;
import coop.domain.PayloadSchema;

import java.util.List;

/**
 * The stored names, payload schemas and upcasters of the Family events, as the HTTP API documents them. Every
 * type is at schema version 1 except {@code PaymentReceived}, at version 2.
 *
 * <p>Personal data: names, a child's age and grade, and every free-text {@code reason} (it may name people). Ids,
 * amounts, dates, scores and the payment method are not; neither is who recorded an event (the envelope's user).
 */
public final class FamilyEvents {

    /** Generous enough for any real family, small enough to catch a typo. */
    static final int MAX_CHILDREN = 50;

    /** The catalog of every {@link FamilyEvent} record. */
    public static final EventCatalog<FamilyEvent> CATALOG = new EventCatalog<>(
            EventType.of("FamilyEnrolled", FamilyEnrolled.class, PayloadSchema.of(
                    Field.text("family_name").personal(),
                    Field.date("enrollment_date"),
                    Field.text("parent_name").personal().optional(),
                    Field.integer("children_count", 0, MAX_CHILDREN).optional())),
            EventType.of("ChildAdded", ChildAdded.class, PayloadSchema.of(
                    Field.text("child_name").personal(),
                    Field.integer("age", 0, 25).personal().optional(),
                    Field.integer("grade", 0, 12).personal().optional())),
            EventType.of("PaymentDue", PaymentDue.class, PayloadSchema.of(
                    Field.amount("amount"),
                    Field.date("due_date"))),
            EventType.of("PaymentOverdue", PaymentOverdue.class, PayloadSchema.of(
                    Field.amount("amount"),
                    Field.date("due_date"))),
            new EventType<>("PaymentReceived", PaymentReceived.class,
                    List.of(
                            PayloadSchema.of(Field.amount("amount"), Field.date("date")),
                            PayloadSchema.of(Field.amount("amount"), Field.date("date"), Field.text("payment_method").notPersonal())),
                    List.of(new PaymentReceivedV1ToV2())),
            EventType.of("PortalAccessLocked", PortalAccessLocked.class, PayloadSchema.of(
                    Field.text("reason").personal())),
            EventType.of("PortalAccessRestored", PortalAccessRestored.class, PayloadSchema.of(
                    Field.text("reason").personal())),
            EventType.of("EngagementScoreUpdated", EngagementScoreUpdated.class, PayloadSchema.of(
                    Field.integer("new_score", 0, 100))),
            EventType.of("FamilyWithdrawn", FamilyWithdrawn.class, PayloadSchema.of(
                    Field.date("withdrawal_date"),
                    Field.text("reason").personal().optional())),
            EventType.of("FamilyWithdrawalReversed", FamilyWithdrawalReversed.class, PayloadSchema.of(
                    Field.text("reason").personal(),
                    Field.text("original_event_id").notPersonal())),
            EventType.of("VacationStarted", VacationStarted.class, PayloadSchema.of(
                    Field.date("start_date"),
                    Field.date("expected_return").optional())),
            EventType.of("VacationEnded", VacationEnded.class, PayloadSchema.of(
                    Field.date("end_date"))),
            // The one reason kept in clear: it must outlive the key it erases, so it may not name anyone.
            EventType.of("PersonalDataErased", PersonalDataErased.class, PayloadSchema.of(
                    Field.text("reason").notPersonal())));

    private FamilyEvents() {
    }

    /** The stored name of an event, for messages that a person reads. */
    static String nameOf(FamilyEvent event) {
        return CATALOG.of(event).name();
    }
}
