package coop.store;

/**
 * An event id that is already stored for a different event: another stream, another position, or a batch that
 * does not match the one stored under those ids. Retrying the same batch is fine; reusing its ids for other events
 * is a caller bug.
 */
public final class EventIdConflict extends RuntimeException {

    public EventIdConflict(String message) {
        super(message);
    }
}
