package coop.domain.family;

/** Whether the family may use the portal. */
public enum PortalAccess {
    ACTIVE,
    LOCKED
}
