package coop.domain.family;

/**
 * Everything that can happen to a family of the co-op. One record per event, named in the past tense.
 *
 * <p>Record components are the camelCase of the stored snake_case payload fields ({@code paymentMethod} is
 * {@code payment_method}); the stored name and schema version of each record live in {@link FamilyEvents}, never
 * the class name. The interface is sealed so that {@link FamilyEvolution} must handle every event to compile.
 */
public sealed interface FamilyEvent permits FamilyEnrolled, ChildAdded, PaymentDue, PaymentOverdue, PaymentReceived,
        PortalAccessLocked, PortalAccessRestored, EngagementScoreUpdated, FamilyWithdrawn, FamilyWithdrawalReversed,
        VacationStarted, VacationEnded, PersonalDataErased, ContactChanged, NotificationPreferencesChanged,
        NotificationSent {
}
