package coop.domain.family;

/** The family can no longer use the portal, for the given reason. */
public record PortalAccessLocked(String reason) implements FamilyEvent {
}
