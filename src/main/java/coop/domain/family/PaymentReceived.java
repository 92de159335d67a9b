package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The family paid {@code amount} on {@code date}. This is the schema v2 shape; v1 payloads had no payment method and
 * are read with {@code paymentMethod = "unknown"}.
 */
public record PaymentReceived(BigDecimal amount, LocalDate date, String paymentMethod) implements FamilyEvent {
}
