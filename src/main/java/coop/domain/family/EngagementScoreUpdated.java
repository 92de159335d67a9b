package coop.domain.family;

/** The family's engagement was scored again, from 0 to 100. */
public record EngagementScoreUpdated(int newScore) implements FamilyEvent {
}
