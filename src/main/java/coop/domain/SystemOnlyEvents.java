package coop.domain;

import java.util.Set;

/**
 * Event types that only the system appends. {@code NotificationSent} says the family was told; a caller who could
 * append it could make the history claim a notice nobody sent. {@code PersonalDataErased} is appended by the erasure
 * alone, in the one transaction that deletes the family's key: appended as an ordinary event, it would mark a family
 * erased whose key, and so whose personal data, is still there (the OpenAPI fuzzer found that one).
 */
public final class SystemOnlyEvents {

    private static final Set<String> NAMES = Set.of("NotificationSent", "PersonalDataErased");

    private SystemOnlyEvents() {
    }

    public static boolean isSystemOnly(String eventType) {
        return NAMES.contains(eventType);
    }
}
