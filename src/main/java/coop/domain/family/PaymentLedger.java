package coop.domain.family;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The money side of {@link FamilyEvolution}: balance, unpaid dues and payment status.
 *
 * <p>It keeps one invariant: the outstanding amounts of the unpaid dues add up to the balance when it is positive,
 * and to zero otherwise. Money paid ahead is a negative balance that the next dues are settled from.
 */
final class PaymentLedger {

    private static final Comparator<DuePayment> OLDEST_FIRST = Comparator.comparing(DuePayment::dueDate);

    private PaymentLedger() {
    }

    static FamilyState due(FamilyState state, PaymentDue event) {
        BigDecimal before = state.balanceDue();
        BigDecimal after = before.add(event.amount());
        // Only the part of the due that money paid ahead does not already cover stays outstanding.
        BigDecimal outstanding = positivePart(after).subtract(positivePart(before));
        List<DuePayment> dues = new ArrayList<>(state.dues());
        if (outstanding.signum() > 0) {
            dues.add(new DuePayment(event.amount(), event.dueDate(), outstanding, false));
            dues.sort(OLDEST_FIRST); // stable: equal due dates keep the order they arrived in
        }
        PaymentStatus status;
        if (after.signum() <= 0) {
            status = PaymentStatus.PAID;
        } else if (before.signum() <= 0) {
            status = PaymentStatus.DUE; // the balance just rose above zero: earlier overdues no longer count
        } else {
            status = state.paymentStatus(); // already owing: due stays due, overdue stays overdue
        }
        return state.withLedger(state.payments(), dues, after, status);
    }

    static FamilyState overdue(FamilyState state, PaymentOverdue event) {
        List<DuePayment> dues = new ArrayList<>(state.dues());
        for (int i = 0; i < dues.size(); i++) {
            DuePayment due = dues.get(i);
            if (!due.overdue() && due.matches(event.amount(), event.dueDate())) {
                dues.set(i, due.markedOverdue());
                break;
            }
        }
        PaymentStatus status = state.balanceDue().signum() > 0 ? PaymentStatus.OVERDUE : state.paymentStatus();
        return state.withLedger(state.payments(), dues, state.balanceDue(), status);
    }

    static FamilyState received(FamilyState state, PaymentReceived event) {
        List<Payment> payments = new ArrayList<>(state.payments());
        payments.add(new Payment(event.amount(), event.date(), event.paymentMethod()));
        BigDecimal after = state.balanceDue().subtract(event.amount());
        List<DuePayment> dues = settleOldestFirst(state.dues(), event.amount());
        PaymentStatus status = state.paymentStatus();
        if (after.signum() <= 0 && status != PaymentStatus.NONE) {
            status = PaymentStatus.PAID;
        }
        return state.withLedger(payments, dues, after, status);
    }

    private static List<DuePayment> settleOldestFirst(List<DuePayment> dues, BigDecimal paid) {
        List<DuePayment> left = new ArrayList<>();
        BigDecimal remaining = paid;
        for (DuePayment due : dues) {
            if (remaining.compareTo(due.outstanding()) >= 0) {
                remaining = remaining.subtract(due.outstanding());
            } else {
                left.add(remaining.signum() > 0 ? due.withOutstanding(due.outstanding().subtract(remaining)) : due);
                remaining = BigDecimal.ZERO;
            }
        }
        return left;
    }

    private static BigDecimal positivePart(BigDecimal amount) {
        return amount.signum() > 0 ? amount : BigDecimal.ZERO;
    }
}
