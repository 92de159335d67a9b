package coop.functions.http;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of API.md, by their claim value, and {@code operator}: the platform's operators, who run the deployment
 * for every co-op and see every tenant's progress in {@code GET /projections}.
 */
public enum Role {
    COORDINATOR, AUDITOR, FAMILY, ADMIN, OPERATOR;

    public static Optional<Role> parse(String value) {
        for (Role role : values()) {
            if (role.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
