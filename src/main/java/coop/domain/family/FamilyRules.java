package coop.domain.family;

import coop.domain.RuleViolation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * What may happen to a family in a given state. Each rule explains itself in a sentence a coordinator can act on.
 *
 * <p>Money is the exception to "nothing happens to a withdrawn family": a family that left may still owe fees,
 * fall behind on them and pay them, so payment events and portal locks are accepted in any enrolled-or-later status.
 * Required values are checked again here although payload validation already did, because {@link FamilyEvolution}
 * must never see an event that would break the state. The counts of {@link FamilyLimits} are rules too: they keep
 * the state small enough for one DynamoDB item.
 */
public final class FamilyRules {

    private FamilyRules() {
    }

    /**
     * Checks that {@code event} may happen to a family in {@code state}.
     *
     * @throws RuleViolation when it may not
     */
    public static void check(FamilyState state, FamilyEvent event) {
        if (!(event instanceof FamilyEnrolled) && state.status() == FamilyStatus.NOT_ENROLLED) {
            throw violation("%s cannot happen before the family is enrolled (FamilyEnrolled comes first)",
                    FamilyEvents.nameOf(event));
        }
        switch (event) {
            case FamilyEnrolled enrolled -> checkEnrolment(state, enrolled);
            case ChildAdded added -> checkChild(state, added);
            case PaymentDue due -> checkDue(state, due);
            case PaymentOverdue overdue -> checkOverdue(state, overdue);
            case PaymentReceived received -> checkReceived(received);
            case PortalAccessLocked locked -> {
                if (state.portalAccess() == PortalAccess.LOCKED) {
                    throw violation("The portal access of this family is already locked");
                }
            }
            case PortalAccessRestored restored -> {
                if (state.portalAccess() != PortalAccess.LOCKED) {
                    throw violation("The portal access of this family is not locked, so there is nothing to restore");
                }
            }
            case EngagementScoreUpdated updated -> requireNotWithdrawn(state, "an engagement score cannot be updated");
            case FamilyWithdrawn withdrawn -> checkWithdrawal(state, withdrawn);
            case FamilyWithdrawalReversed reversed -> {
                if (state.status() != FamilyStatus.WITHDRAWN) {
                    throw violation("The family is not withdrawn, so there is no withdrawal to reverse");
                }
            }
            case VacationStarted started -> checkVacationStart(state, started);
            case VacationEnded ended -> checkVacationEnd(state, ended);
            case ContactChanged changed -> {
                if (changed.email() == null || changed.email().isBlank()) {
                    throw violation("A contact change needs the new email address");
                }
            }
            case NotificationPreferencesChanged changed -> checkPreference(changed);
            case NotificationSent sent -> {
                if (sent.notice() == null || sent.causingEventId() == null || sent.providerMessageId() == null) {
                    throw violation("A notification sent names its notice, the event it is about and the message id");
                }
            }
            case PersonalDataErased erased -> {
                if (state.personalDataErased()) {
                    throw violation("The personal data of this family is already erased");
                }
            }
        }
    }

    private static void checkPreference(NotificationPreferencesChanged changed) {
        if (NoticeKind.ofStoredName(changed.notice()).isEmpty()) {
            throw violation("There is no notice called \"%s\"; the notices are %s", changed.notice(),
                    Arrays.stream(NoticeKind.values()).map(NoticeKind::storedName).toList());
        }
        if (!NotificationPreferencesChanged.OPT_OUT.equals(changed.choice())
                && !NotificationPreferencesChanged.OPT_IN.equals(changed.choice())) {
            throw violation("The choice must be \"%s\" or \"%s\"", NotificationPreferencesChanged.OPT_OUT,
                    NotificationPreferencesChanged.OPT_IN);
        }
    }

    private static void checkEnrolment(FamilyState state, FamilyEnrolled event) {
        if (state.status() != FamilyStatus.NOT_ENROLLED) {
            throw violation("The family is already enrolled; it can be enrolled only once");
        }
        if (event.familyName() == null || event.familyName().isBlank() || event.enrollmentDate() == null) {
            throw violation("An enrolment needs a family name and an enrolment date");
        }
    }

    private static void checkChild(FamilyState state, ChildAdded event) {
        requireNotWithdrawn(state, "no child can be added");
        if (event.childName() == null || event.childName().isBlank()) {
            throw violation("A child needs a name");
        }
        if (state.children().size() >= FamilyLimits.MAX_CHILDREN) {
            throw violation("The family already has %d children, the most one family can have",
                    FamilyLimits.MAX_CHILDREN);
        }
    }

    private static void checkDue(FamilyState state, PaymentDue event) {
        requireAmountAndDate(event.amount(), event.dueDate(), "PaymentDue");
        // Unpaid dues exist only while the balance is positive, so a new due would always join them.
        if (state.dues().size() >= FamilyLimits.MAX_UNPAID_DUES) {
            throw violation("The family already owes %d unpaid dues, the most it can owe at once; record the payments "
                    + "received (or settle the account) before charging more", FamilyLimits.MAX_UNPAID_DUES);
        }
    }

    private static void checkOverdue(FamilyState state, PaymentOverdue event) {
        requireAmountAndDate(event.amount(), event.dueDate(), "PaymentOverdue");
        boolean outstanding = state.dues().stream().anyMatch(due -> due.matches(event.amount(), event.dueDate()));
        boolean notYetOverdue = state.dues().stream()
                .anyMatch(due -> !due.overdue() && due.matches(event.amount(), event.dueDate()));
        if (!outstanding) {
            throw violation("There is no unpaid payment of %s due on %s to declare overdue",
                    event.amount().toPlainString(), event.dueDate());
        }
        if (!notYetOverdue) {
            throw violation("The payment of %s due on %s is already overdue",
                    event.amount().toPlainString(), event.dueDate());
        }
    }

    private static void checkReceived(PaymentReceived event) {
        requireAmountAndDate(event.amount(), event.date(), "PaymentReceived");
        if (event.paymentMethod() == null || event.paymentMethod().isBlank()) {
            throw violation("A payment received needs a payment method (\"unknown\" if nobody knows it)");
        }
    }

    private static void checkWithdrawal(FamilyState state, FamilyWithdrawn event) {
        if (state.status() == FamilyStatus.WITHDRAWN) {
            throw violation("The family is already withdrawn");
        }
        if (event.withdrawalDate() == null) {
            throw violation("A withdrawal needs a withdrawal date");
        }
        if (state.enrollmentDate() != null && event.withdrawalDate().isBefore(state.enrollmentDate())) {
            throw violation("The withdrawal date %s is before the enrolment date %s",
                    event.withdrawalDate(), state.enrollmentDate());
        }
    }

    private static void checkVacationStart(FamilyState state, VacationStarted event) {
        if (state.status() == FamilyStatus.ON_VACATION) {
            throw violation("The family is already on vacation");
        }
        requireNotWithdrawn(state, "no vacation can start");
        if (event.startDate() == null) {
            throw violation("A vacation needs a start date");
        }
        if (event.expectedReturn() != null && event.expectedReturn().isBefore(event.startDate())) {
            throw violation("The expected return %s is before the vacation starts on %s",
                    event.expectedReturn(), event.startDate());
        }
    }

    private static void checkVacationEnd(FamilyState state, VacationEnded event) {
        if (state.status() != FamilyStatus.ON_VACATION) {
            throw violation("The family is not on vacation, so no vacation can end");
        }
        if (event.endDate() == null) {
            throw violation("The end of a vacation needs an end date");
        }
        if (state.vacationStartDate() != null && event.endDate().isBefore(state.vacationStartDate())) {
            throw violation("The vacation cannot end on %s, before it started on %s",
                    event.endDate(), state.vacationStartDate());
        }
    }

    private static void requireNotWithdrawn(FamilyState state, String consequence) {
        if (state.status() == FamilyStatus.WITHDRAWN) {
            throw violation("The family is withdrawn, so %s", consequence);
        }
    }

    private static void requireAmountAndDate(BigDecimal amount, LocalDate date, String eventType) {
        if (amount == null || amount.signum() <= 0) {
            throw violation("The amount of %s must be greater than 0", eventType);
        }
        if (date == null) {
            throw violation("%s needs a date", eventType);
        }
    }

    private static RuleViolation violation(String format, Object... args) {
        return new RuleViolation(String.format(format, args));
    }
}
