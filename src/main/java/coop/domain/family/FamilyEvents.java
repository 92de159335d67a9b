package coop.domain.family;

import coop.domain.EventCatalog;
import coop.domain.EventType;
import coop.domain.Field;
import coop.domain.PayloadSchema;

import java.util.List;

import static coop.domain.family.FamilyLimits.MAX_CHILDREN;
import static coop.domain.family.FamilyLimits.MAX_EVENT_ID_LENGTH;
import static coop.domain.family.FamilyLimits.MAX_NAME_LENGTH;
import static coop.domain.family.FamilyLimits.MAX_NOTICE_NAME_LENGTH;
import static coop.domain.family.FamilyLimits.MAX_PAYMENT_METHOD_LENGTH;
import static coop.domain.family.FamilyLimits.MAX_REASON_LENGTH;

/**
 * The stored names, payload schemas and upcasters of the Family events, as the HTTP API documents them. Every
 * type is at schema version 1 except {@code PaymentReceived}, at version 2. Text lengths are those of
 * {@link FamilyLimits}.
 *
 * <p>Personal data: names, a contact email address, a child's age and grade, and every free-text {@code reason} (it may name people). Ids,
 * amounts, dates, scores and the payment method are not; neither is who recorded an event (the envelope's user).
 */
public final class FamilyEvents {

    /** The catalog of every {@link FamilyEvent} record. */
    public static final EventCatalog<FamilyEvent> CATALOG = new EventCatalog<>(
            EventType.of("FamilyEnrolled", FamilyEnrolled.class, PayloadSchema.of(
                    Field.text("family_name", MAX_NAME_LENGTH).personal(),
                    Field.date("enrollment_date"),
                    Field.text("parent_name", MAX_NAME_LENGTH).personal().optional(),
                    Field.integer("children_count", 0, MAX_CHILDREN).optional(),
                    Field.email("email").personal().optional())),
            EventType.of("ChildAdded", ChildAdded.class, PayloadSchema.of(
                    Field.text("child_name", MAX_NAME_LENGTH).personal(),
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
                            PayloadSchema.of(Field.amount("amount"), Field.date("date"),
                                    Field.text("payment_method", MAX_PAYMENT_METHOD_LENGTH).notPersonal())),
                    List.of(new PaymentReceivedV1ToV2())),
            // Optional: the portal triggers' follow-ups for a family whose personal data was erased carry none.
            EventType.of("PortalAccessLocked", PortalAccessLocked.class, PayloadSchema.of(
                    Field.text("reason", MAX_REASON_LENGTH).personal().optional())),
            EventType.of("PortalAccessRestored", PortalAccessRestored.class, PayloadSchema.of(
                    Field.text("reason", MAX_REASON_LENGTH).personal().optional())),
            EventType.of("EngagementScoreUpdated", EngagementScoreUpdated.class, PayloadSchema.of(
                    Field.integer("new_score", 0, 100))),
            EventType.of("FamilyWithdrawn", FamilyWithdrawn.class, PayloadSchema.of(
                    Field.date("withdrawal_date"),
                    Field.text("reason", MAX_REASON_LENGTH).personal().optional())),
            EventType.of("FamilyWithdrawalReversed", FamilyWithdrawalReversed.class, PayloadSchema.of(
                    Field.text("reason", MAX_REASON_LENGTH).personal(),
                    Field.text("original_event_id", MAX_EVENT_ID_LENGTH).notPersonal())),
            EventType.of("VacationStarted", VacationStarted.class, PayloadSchema.of(
                    Field.date("start_date"),
                    Field.date("expected_return").optional())),
            EventType.of("VacationEnded", VacationEnded.class, PayloadSchema.of(
                    Field.date("end_date"))),
            // The one reason kept in clear: it must outlive the key it erases, so it may not name anyone.
            EventType.of("PersonalDataErased", PersonalDataErased.class, PayloadSchema.of(
                    Field.text("reason", MAX_REASON_LENGTH).notPersonal())),
            EventType.of("ContactChanged", ContactChanged.class, PayloadSchema.of(
                    Field.email("email").personal())),
            EventType.of("NotificationPreferencesChanged", NotificationPreferencesChanged.class, PayloadSchema.of(
                    Field.text("notice", MAX_NOTICE_NAME_LENGTH).notPersonal(),
                    Field.text("choice", MAX_NOTICE_NAME_LENGTH).notPersonal())),
            // No address: the history says that the family was told and when, the notices table says nothing more.
            EventType.of("NotificationSent", NotificationSent.class, PayloadSchema.of(
                    Field.text("notice", MAX_NOTICE_NAME_LENGTH).notPersonal(),
                    Field.text("channel", MAX_NOTICE_NAME_LENGTH).notPersonal(),
                    Field.text("causing_event_id", MAX_EVENT_ID_LENGTH).notPersonal(),
                    Field.text("provider_message_id", MAX_EVENT_ID_LENGTH).notPersonal())));

    private FamilyEvents() {
    }

    /** The stored name of an event, for messages that a person reads. */
    static String nameOf(FamilyEvent event) {
        return CATALOG.of(event).name();
    }
}
