package coop.domain.family;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Folds one Family event into the state. The switch has no default branch on purpose: a new {@link FamilyEvent}
 * record does not compile until it is handled here. Never fails: {@link FamilyRules} runs before an event is stored.
 */
public final class FamilyEvolution {

    private FamilyEvolution() {
    }

    /** The state after {@code event}. */
    public static FamilyState evolve(FamilyState state, FamilyEvent event) {
        return switch (event) {
            case FamilyEnrolled(String familyName, var enrollmentDate, var parentName, var childrenCount,
                                String email) -> state.withEnrolment(familyName, enrollmentDate).withEmail(email);
            case ChildAdded(String childName, Integer age, Integer grade) -> {
                List<Child> children = new ArrayList<>(state.children());
                children.add(new Child(childName, age, grade));
                yield state.withChildren(children);
            }
            case PaymentDue due -> PaymentLedger.due(state, due);
            case PaymentOverdue overdue -> PaymentLedger.overdue(state, overdue);
            case PaymentReceived received -> PaymentLedger.received(state, received);
            case PortalAccessLocked(String reason) -> state.withPortalAccess(PortalAccess.LOCKED);
            case PortalAccessRestored(String reason) -> state.withPortalAccess(PortalAccess.ACTIVE);
            case EngagementScoreUpdated(int newScore) -> state.withEngagementScore(newScore);
            case FamilyWithdrawn(var withdrawalDate, String reason) ->
                    state.withStatus(FamilyStatus.WITHDRAWN, withdrawalDate, state.status(),
                            state.vacationStartDate());
            case FamilyWithdrawalReversed(String reason, String originalEventId) ->
                    state.withStatus(statusToRestore(state), null, null, state.vacationStartDate());
            case VacationStarted(var startDate, var expectedReturn) ->
                    state.withStatus(FamilyStatus.ON_VACATION, null, null, startDate);
            case VacationEnded(var endDate) -> state.withStatus(FamilyStatus.ENROLLED, null, null, null);
            case PersonalDataErased(String reason) -> state.withPersonalDataErased();
            case ContactChanged(String email) -> state.withEmail(email);
            case NotificationPreferencesChanged changed -> state.withOptedOutNotices(optedOut(state, changed));
            // The history records the notice; the state has nothing to decide on it.
            case NotificationSent sent -> state;
        };
    }

    private static List<String> optedOut(FamilyState state, NotificationPreferencesChanged changed) {
        TreeSet<String> optedOut = new TreeSet<>(state.optedOutNotices());
        if (changed.optsOut()) {
            optedOut.add(changed.notice());
        } else {
            optedOut.remove(changed.notice());
        }
        return List.copyOf(optedOut);
    }

    private static FamilyStatus statusToRestore(FamilyState state) {
        // Snapshots from before the field existed have no earlier status; enrolled is what a withdrawal interrupts.
        return state.statusBeforeWithdrawal() == null ? FamilyStatus.ENROLLED : state.statusBeforeWithdrawal();
    }
}
