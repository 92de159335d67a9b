package coop.store;

import java.util.Optional;

/**
 * An event id that already names another event of the tenant: another payload, type or schema version, another
 * aggregate or position, or a batch that mixes stored and new ids. Retrying the very same events is fine; reusing
 * their ids for anything else is refused, and nothing is stored.
 *
 * @param storedAt where the id is stored; empty when the conflict lies within the request (an id given twice)
 */
public final class EventIdConflict extends RuntimeException {

    private final String eventId;
    private final Optional<StoredAt> storedAt;

    public EventIdConflict(String eventId, Optional<StoredAt> storedAt, String message) {
        super(message);
        this.eventId = eventId;
        this.storedAt = storedAt;
    }

    public String eventId() {
        return eventId;
    }

    public Optional<StoredAt> storedAt() {
        return storedAt;
    }

    /** The position an event id is stored at. */
    public record StoredAt(String aggregateType, String aggregateId, long aggregateVersion) {

        @Override
        public String toString() {
            return aggregateType + " " + aggregateId + " version " + aggregateVersion;
        }
    }
}
