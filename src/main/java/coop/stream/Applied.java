package coop.stream;

import coop.app.Loaded;
import coop.store.RecordedEvent;

/** One stored event of an aggregate, and the aggregate's state right after it. */
public record Applied<S>(RecordedEvent event, Loaded<S> after) {

    public long version() {
        return event.aggregateVersion();
    }
}
