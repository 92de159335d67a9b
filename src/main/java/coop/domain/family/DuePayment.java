package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A {@link PaymentDue} that is not fully paid yet.
 *
 * @param amount      the amount originally due; with {@code dueDate} it names the due in {@link PaymentOverdue}
 * @param dueDate     when it had to be paid
 * @param outstanding what is still owed on it after partial payments, always greater than 0
 * @param overdue     whether a {@link PaymentOverdue} was already recorded for it
 */
public record DuePayment(BigDecimal amount, LocalDate dueDate, BigDecimal outstanding, boolean overdue) {

    /** Whether this is the due that a {@link PaymentOverdue} of {@code amount} due on {@code dueDate} names. */
    public boolean matches(BigDecimal amount, LocalDate dueDate) {
        return this.dueDate.equals(dueDate) && this.amount.compareTo(amount) == 0;
    }

    DuePayment withOutstanding(BigDecimal outstanding) {
        return new DuePayment(amount, dueDate, outstanding, overdue);
    }

    DuePayment markedOverdue() {
        return new DuePayment(amount, dueDate, outstanding, true);
    }
}
