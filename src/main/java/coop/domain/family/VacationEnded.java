package coop.domain.family;

import java.time.LocalDate;

/** A family on vacation is back, as of {@code endDate}. */
public record VacationEnded(LocalDate endDate) implements FamilyEvent {
}
