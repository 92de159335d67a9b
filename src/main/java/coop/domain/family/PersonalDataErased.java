package coop.domain.family;

/**
 * The family's personal data was erased on request (or by the retention rule): its data key is gone, so every
 * personal value of its history reads as null from now on. Carries no personal data itself: {@code reason} says why
 * (e.g. {@code retention}, or a ticket reference), and the envelope says who and when.
 */
public record PersonalDataErased(String reason) implements FamilyEvent {
}
