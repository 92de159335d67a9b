package coop.app;

import java.time.Instant;

/**
 * An aggregate's state after the event at {@code version}.
 *
 * @param lastEventAt when that event was recorded
 */
public record Loaded<S>(S state, long version, Instant lastEventAt) {
}
