package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The family owes {@code amount}, to be paid by {@code dueDate}. */
public record PaymentDue(BigDecimal amount, LocalDate dueDate) implements FamilyEvent {
}
