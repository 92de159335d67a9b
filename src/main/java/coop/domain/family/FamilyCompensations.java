package coop.domain.family;

import coop.domain.Compensation;
import coop.domain.Compensations;

/**
 * The compensating events of the Family, as tabled in {@link Family}. A compensation is only appended while the
 * family is still in the state the original event put it in: otherwise the mistake was already corrected, by hand
 * or by a previous revert, and appending again would either break a rule or undo a later, deliberate change.
 */
final class FamilyCompensations implements Compensations<FamilyState, FamilyEvent> {

    @Override
    public Compensation<FamilyEvent> compensate(FamilyState current, FamilyEvent original, String originalEventId,
                                                String reason) {
        return switch (original) {
            case FamilyWithdrawn withdrawn -> current.status() == FamilyStatus.WITHDRAWN
                    ? append(new FamilyWithdrawalReversed(reason, originalEventId))
                    : skip("the family is no longer withdrawn");
            case PortalAccessLocked locked -> current.portalAccess() == PortalAccess.LOCKED
                    ? append(new PortalAccessRestored(reason))
                    : skip("the portal access is no longer locked");
            case VacationStarted started -> isStillOn(current, started)
                    ? append(new VacationEnded(started.startDate()))
                    : skip("the family is no longer on that vacation");
            case EngagementScoreUpdated updated ->
                    skip("the previous engagement score is not recorded in the event, so it cannot be restored");
            case FamilyEnrolled e -> undefined(e);
            case ChildAdded e -> undefined(e);
            case PaymentDue e -> undefined(e);
            case PaymentOverdue e -> undefined(e);
            case PaymentReceived e -> undefined(e);
            case PortalAccessRestored e -> undefined(e);
            case FamilyWithdrawalReversed e -> undefined(e);
            case VacationEnded e -> undefined(e);
            case PersonalDataErased e -> undefined(e);
            case ContactChanged e -> undefined(e);
            case NotificationPreferencesChanged e -> undefined(e);
            case NotificationSent e -> undefined(e);
        };
    }

    private static boolean isStillOn(FamilyState current, VacationStarted started) {
        // A later vacation is a deliberate change: reverting the first one must not cut the second one short.
        return current.status() == FamilyStatus.ON_VACATION
                && started.startDate().equals(current.vacationStartDate());
    }

    private static Compensation<FamilyEvent> undefined(FamilyEvent event) {
        return skip("no compensation is defined for " + FamilyEvents.nameOf(event));
    }

    private static Compensation<FamilyEvent> append(FamilyEvent event) {
        return new Compensation.Append<>(event);
    }

    private static Compensation<FamilyEvent> skip(String reason) {
        return new Compensation.Skip<>(reason);
    }
}
