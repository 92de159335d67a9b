package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment the family made. */
public record Payment(BigDecimal amount, LocalDate date, String paymentMethod) {
}
