package coop.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what caused the event (a name-based UUID), so that doing the same work twice (a
 * redelivered record, a second revert, a rerun of a schedule) proposes the same id and the store's idempotency
 * stores it once.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    public static String of(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
