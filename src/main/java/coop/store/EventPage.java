package coop.store;

import java.util.List;
import java.util.Optional;

/** One page of events, and the opaque token that continues after it (empty on the last page). */
public record EventPage(List<RecordedEvent> events, Optional<String> nextPageToken) {

    public EventPage {
        events = List.copyOf(events);
    }
}
