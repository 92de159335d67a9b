package coop.functions.http;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of API.md, by their claim value. {@code operator}: the platform's operators, who run the deployment for
 * every co-op: they see every tenant's progress in {@code GET /projections} and alone start projection rebuilds, which
 * cover every tenant. The other roles act within their own tenant only.
 */
public enum Role {
    COORDINATOR, AUDITOR, FAMILY, ADMIN, OPERATOR;

    /** The role a claim value names exactly: {@code admin}, not {@code ADMIN }, {@code admın} or {@code admin\0}. */
    public static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
