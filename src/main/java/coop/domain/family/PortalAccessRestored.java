package coop.domain.family;

/** The family can use the portal again, for the given reason. */
public record PortalAccessRestored(String reason) implements FamilyEvent {
}
