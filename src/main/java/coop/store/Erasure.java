package coop.store;

import java.time.Instant;

/** Where an aggregate's personal data was erased: the erasure event, its version, and when it was recorded. */
public record Erasure(String eventId, long aggregateVersion, Instant erasedAt) {
}
