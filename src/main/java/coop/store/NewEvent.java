package coop.store;

import java.util.Optional;

/**
 * An event to append, already serialised by its aggregate type.
 *
 * @param eventId     the caller's id, which makes retries idempotent; empty to let the store generate one
 * @param eventType   the stored name, e.g. {@code PaymentReceived}
 * @param eventVersion the payload's schema version
 * @param data        the payload as a JSON object
 */
public record NewEvent(Optional<String> eventId, String eventType, int eventVersion, String data) {

    public NewEvent {
        eventId.ifPresent(id -> StreamId.requireId("event_id", id));
        if (eventVersion < 1) {
            throw new IllegalArgumentException("event_version must be >= 1");
        }
    }

    public static NewEvent of(String eventType, int eventVersion, String data) {
        return new NewEvent(Optional.empty(), eventType, eventVersion, data);
    }

    public NewEvent withId(String eventId) {
        return new NewEvent(Optional.of(eventId), eventType, eventVersion, data);
    }
}
