package coop.domain.family;

import java.time.LocalDate;

/** An enrolled family is away from {@code startDate}, perhaps until {@code expectedReturn}. */
public record VacationStarted(LocalDate startDate, LocalDate expectedReturn) implements FamilyEvent {
}
