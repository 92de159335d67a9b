package coop.domain;

import java.util.Set;

/**
 * Event types that only the system appends. {@code NotificationSent} says the family was told; a caller who could
 * append it could make the history claim a notice nobody sent.
 */
public final class SystemOnlyEvents {

    private static final Set<String> NAMES = Set.of("NotificationSent");

    private SystemOnlyEvents() {
    }

    public static boolean isSystemOnly(String eventType) {
        return NAMES.contains(eventType);
    }
}
