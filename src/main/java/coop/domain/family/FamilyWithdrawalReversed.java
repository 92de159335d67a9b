package coop.domain.family;

/**
 * A withdrawal was a mistake and is undone; the family returns to the status it had before. The withdrawal event
 * stays in the history, and {@code originalEventId} points at it.
 */
public record FamilyWithdrawalReversed(String reason, String originalEventId) implements FamilyEvent {
}
