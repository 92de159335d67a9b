package coop.app;

import java.time.Instant;

/** The answer to an erasure, the same however often it is asked: the erasure event and when it was recorded. */
public record ErasureResult(String aggregateId, long aggregateVersion, String eventId, Instant erasedAt) {
}
