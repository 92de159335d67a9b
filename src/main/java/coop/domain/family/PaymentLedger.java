package coop.domain.family;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The money side of {@link FamilyEvolution}: balance, totals, recent payments, unpaid dues and payment status.
 *
 * <p>It keeps one invariant: the outstanding amounts of the unpaid dues add up to the balance when it is positive,
 * and to zero otherwise. Money paid ahead is a negative balance that the next dues are settled from.
 *
 * <p>Each event costs work in proportion to the unpaid dues and the {@value FamilyState#RECENT_PAYMENTS} recent
 * payments, never to the length of the history, so folding a long history stays linear.
 */
final class PaymentLedger {

    private PaymentLedger() {
    }

    static FamilyState due(FamilyState state, PaymentDue event) {
        BigDecimal before = state.balanceDue();
        BigDecimal after = before.add(event.amount());
        // Only the part of the due that money paid ahead does not already cover stays outstanding.
        BigDecimal outstanding = positivePart(after).subtract(positivePart(before));
        List<DuePayment> dues = state.dues();
        if (outstanding.signum() > 0) {
            dues = insertByDueDate(dues, new DuePayment(event.amount(), event.dueDate(), outstanding, false));
        }
        PaymentStatus status;
        if (after.signum() <= 0) {
            status = PaymentStatus.PAID;
        } else if (before.signum() <= 0) {
            status = PaymentStatus.DUE; // the balance just rose above zero: earlier overdues no longer count
        } else {
            status = state.paymentStatus(); // already owing: due stays due, overdue stays overdue
        }
        return state.withLedger(state.payments(), state.paymentCount(), state.totalDue().add(event.amount()),
                state.totalReceived(), dues, after, status);
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
        return state.withLedger(state.payments(), state.paymentCount(), state.totalDue(), state.totalReceived(),
                dues, state.balanceDue(), status);
    }

    static FamilyState received(FamilyState state, PaymentReceived event) {
        Payment payment = new Payment(event.amount(), event.date(), event.paymentMethod());
        BigDecimal after = state.balanceDue().subtract(event.amount());
        List<DuePayment> dues = state.dues().isEmpty() ? state.dues() : settleOldestFirst(state.dues(), event.amount());
        PaymentStatus status = state.paymentStatus();
        if (after.signum() <= 0 && status != PaymentStatus.NONE) {
            status = PaymentStatus.PAID;
        }
        return state.withLedger(recentWith(state.payments(), payment), state.paymentCount() + 1, state.totalDue(),
                state.totalReceived().add(event.amount()), dues, after, status);
    }

    /** The recent payments with {@code payment} added, dropping the oldest beyond the window. */
    private static List<Payment> recentWith(List<Payment> recent, Payment payment) {
        int keep = Math.min(recent.size(), FamilyState.RECENT_PAYMENTS - 1);
        Payment[] next = new Payment[keep + 1];
        for (int i = 0; i < keep; i++) {
            next[i] = recent.get(recent.size() - keep + i);
        }
        next[keep] = payment;
        return List.of(next);
    }

    /** Oldest due date first; a due joins after those with the same date, so equal dates keep arrival order. */
    private static List<DuePayment> insertByDueDate(List<DuePayment> dues, DuePayment due) {
        int at = dues.size();
        while (at > 0 && dues.get(at - 1).dueDate().isAfter(due.dueDate())) {
            at--;
        }
        List<DuePayment> next = new ArrayList<>(dues.size() + 1);
        next.addAll(dues.subList(0, at));
        next.add(due);
        next.addAll(dues.subList(at, dues.size()));
        return next;
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
