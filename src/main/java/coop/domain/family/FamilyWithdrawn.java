package coop.domain.family;

import java.time.LocalDate;

/** The family left the co-op. Money may still be owed and received afterwards. */
public record FamilyWithdrawn(LocalDate withdrawalDate, String reason) implements FamilyEvent {
}
