package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The earlier {@link PaymentDue} with this {@code amount} and {@code dueDate} was not settled in time. The amount is
 * the one originally due, not what is left of it after partial payments: together with the date it names the due.
 */
public record PaymentOverdue(BigDecimal amount, LocalDate dueDate) implements FamilyEvent {
}
