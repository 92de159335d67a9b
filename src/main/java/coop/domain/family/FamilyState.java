package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A family as its events left it. Immutable: every list is an unmodifiable copy, and {@link FamilyEvolution}
 * returns a new state for each event.
 *
 * <p>The first fourteen components are the Family {@code state} of the HTTP API. The next three are kept for rules,
 * triggers and the overdue scheduler: the dues not yet paid, the status to return to when a withdrawal is
 * reversed, and the start date of the current vacation. The last three are for the notices: whether the family's
 * personal data was erased, its contact address and the notices it opted out of.
 *
 * <p>The state stays the same size however long the history: it keeps payment totals and only the
 * {@value #RECENT_PAYMENTS} most recent payments, so a snapshot of a family with years of payments still fits one
 * DynamoDB item and the fold does constant work per payment. Every payment stays in the history, as a
 * {@link PaymentReceived} event.
 *
 * @param payments               the {@value #RECENT_PAYMENTS} most recent payments, oldest first
 * @param paymentCount           how many payments the family made in all
 * @param totalDue               the sum of every {@link PaymentDue}
 * @param totalReceived          the sum of every payment
 * @param balanceDue             amounts due minus amounts received; negative when the family paid ahead
 * @param dues                   the {@link PaymentDue}s not fully paid yet, oldest due date first
 * @param statusBeforeWithdrawal the status the family had when it withdrew; null while it is not withdrawn
 * @param vacationStartDate      when the current vacation started; null when there is none (kept through a
 *                               withdrawal, so that reversing it returns to the vacation)
 * @param personalDataErased     the family's personal data was erased ({@link PersonalDataErased}): its names,
 *                               ages and reasons read as null, and no event may bring new ones
 * @param email                  where notices go (personal); null when the family gave no address
 * @param optedOutNotices        the {@link NoticeKind} stored names the family chose not to receive, sorted
 */
public record FamilyState(
        String familyId,
        String familyName,
        FamilyStatus status,
        LocalDate enrollmentDate,
        List<Child> children,
        List<Payment> payments,
        long paymentCount,
        BigDecimal totalDue,
        BigDecimal totalReceived,
        PaymentStatus paymentStatus,
        BigDecimal balanceDue,
        PortalAccess portalAccess,
        int engagementScore,
        LocalDate withdrawalDate,
        List<DuePayment> dues,
        FamilyStatus statusBeforeWithdrawal,
        LocalDate vacationStartDate,
        boolean personalDataErased,
        String email,
        List<String> optedOutNotices) {

    /** How many of the latest payments the state lists; the history has them all. */
    public static final int RECENT_PAYMENTS = 20;

    public FamilyState {
        // Nulls are tolerated so that a snapshot written before a field existed still reads.
        children = children == null ? List.of() : List.copyOf(children);
        payments = payments == null ? List.of() : List.copyOf(payments);
        dues = dues == null ? List.of() : List.copyOf(dues);
        balanceDue = balanceDue == null ? BigDecimal.ZERO : balanceDue;
        totalDue = totalDue == null ? BigDecimal.ZERO : totalDue;
        totalReceived = totalReceived == null ? BigDecimal.ZERO : totalReceived;
        status = status == null ? FamilyStatus.NOT_ENROLLED : status;
        paymentStatus = paymentStatus == null ? PaymentStatus.NONE : paymentStatus;
        portalAccess = portalAccess == null ? PortalAccess.ACTIVE : portalAccess;
        optedOutNotices = optedOutNotices == null ? List.of() : List.copyOf(optedOutNotices);
    }

    /** A family before its first event. */
    public static FamilyState initial(String familyId) {
        return new FamilyState(familyId, null, FamilyStatus.NOT_ENROLLED, null, List.of(), List.of(), 0,
                BigDecimal.ZERO, BigDecimal.ZERO, PaymentStatus.NONE, BigDecimal.ZERO, PortalAccess.ACTIVE, 0, null,
                List.of(), null, null, false, null, List.of());
    }

    /**
     * Whether some unpaid due was declared overdue. Implies {@code paymentStatus() == OVERDUE}; the converse does
     * not always hold, since the API keeps a family overdue until its whole balance is paid, even once the overdue
     * due itself is settled and only a newer one is left.
     */
    public boolean hasOverduePayment() {
        return dues.stream().anyMatch(DuePayment::overdue);
    }

    /**
     * The unpaid dues whose due date is before {@code today} and that no {@link PaymentOverdue} has named yet: a
     * scheduler appends one {@code PaymentOverdue(amount, dueDate)} for each.
     */
    public List<DuePayment> duesToMarkOverdue(LocalDate today) {
        return dues.stream().filter(due -> !due.overdue() && due.dueDate().isBefore(today)).toList();
    }

    /**
     * The unpaid dues that fall due from {@code today} to {@code daysAhead} days after it: a scheduler reminds the
     * family of each. One that is due later is not news yet, and one whose date has passed is overdue instead.
     */
    public List<DuePayment> duesFallingDueWithin(LocalDate today, int daysAhead) {
        LocalDate last = today.plusDays(daysAhead);
        return dues.stream().filter(due -> !due.overdue() && !due.dueDate().isBefore(today)
                && !due.dueDate().isAfter(last)).toList();
    }

    FamilyState withEnrolment(String familyName, LocalDate enrollmentDate) {
        return new FamilyState(familyId, familyName, FamilyStatus.ENROLLED, enrollmentDate, children, payments,
                paymentCount, totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore,
                withdrawalDate, dues, statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    FamilyState withChildren(List<Child> children) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    FamilyState withLedger(List<Payment> payments, long paymentCount, BigDecimal totalDue, BigDecimal totalReceived,
                           List<DuePayment> dues, BigDecimal balanceDue, PaymentStatus paymentStatus) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    FamilyState withPortalAccess(PortalAccess portalAccess) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    FamilyState withEngagementScore(int engagementScore) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    /** Every personal value of the family's history reads as null from now on; the rest of the state stays. */
    FamilyState withPersonalDataErased() {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, true, email, optedOutNotices);
    }

    FamilyState withEmail(String email) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    FamilyState withOptedOutNotices(List<String> optedOutNotices) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }

    /** Whether the family chose not to receive this kind of notice. */
    public boolean optedOutOf(NoticeKind kind) {
        return optedOutNotices.contains(kind.storedName());
    }

    /** Status changes come with the fields that only make sense in one status, so they move together. */
    FamilyState withStatus(FamilyStatus status, LocalDate withdrawalDate, FamilyStatus statusBeforeWithdrawal,
                           LocalDate vacationStartDate) {
        return new FamilyState(familyId, familyName, status, enrollmentDate, children, payments, paymentCount,
                totalDue, totalReceived, paymentStatus, balanceDue, portalAccess, engagementScore, withdrawalDate, dues,
                statusBeforeWithdrawal, vacationStartDate, personalDataErased, email, optedOutNotices);
    }
}
