package coop.domain.family;

import java.util.Arrays;
import java.util.Optional;

/** The notices the co-op sends a family, each under the stored name its preferences and history use. */
public enum NoticeKind {
    PAYMENT_REMINDER("payment_reminder"),
    PAYMENT_OVERDUE("payment_overdue"),
    PORTAL_LOCKED("portal_locked"),
    PORTAL_RESTORED("portal_restored"),
    PAYMENT_RECEIPT("payment_receipt");

    private final String storedName;

    NoticeKind(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }

    public static Optional<NoticeKind> ofStoredName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.storedName.equals(name)).findFirst();
    }
}
