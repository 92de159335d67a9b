package coop.stream;

import coop.store.RecordedEvent;

/** An event a subscriber could not handle, and why. */
public record Failure(RecordedEvent event, RuntimeException error) {
}
