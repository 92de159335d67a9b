package coop.store;

/**
 * An event id stored twice, before the store made ids unique: the id's item names {@code registeredAt}, and the
 * same id is also stored at {@code alsoAt}. {@code GET /events/{id}} serves the registered one.
 */
public record DuplicateEventId(String tenantId, String eventId, StreamId registeredAt, long registeredVersion,
                               StreamId alsoAt, long alsoVersion) {
}
