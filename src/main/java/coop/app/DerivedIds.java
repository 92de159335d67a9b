package coop.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what caused the event (a name-based UUID), so that doing the same work twice (a
 * redelivered record, a second revert, a rerun of a schedule) proposes the same id and the store's idempotency
 * stores it once.
 *
 * <p>Anyone can compute a name-based UUID, so every derived id lies in a namespace of its own ({@value #NAMESPACE}
 * followed by the UUID) that a caller's event id may not enter: an append that tries is a 400. No request can take an
 * id the system will derive (trigger follow-ups, revert compensations, overdue notices).
 */
public final class DerivedIds {

    /** The prefix of every derived id, refused at the start of a caller's event id. */
    public static final String NAMESPACE = "system:";

    private DerivedIds() {
    }

    public static String of(String name) {
        return NAMESPACE + legacy(name);
    }

    /** The id {@link #of} gave before ids were reserved: events stored by earlier releases still carry it. */
    public static String legacy(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether {@code eventId} lies in the namespace of derived ids, where callers may not store events. */
    public static boolean isReserved(String eventId) {
        return eventId.startsWith(NAMESPACE);
    }
}
