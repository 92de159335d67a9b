package coop.admin;

import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamCatalog;
import coop.store.StreamId;
import coop.stream.EventKey;
import coop.stream.StreamDispatcher;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the stream's subscribers again on stored events: the events table is the source of truth, so a record that
 * failed for good can be replayed from it at any time, long after the stream (24 hours) has forgotten it. Subscribers
 * are idempotent, so replaying an event that already went through, or replaying twice, changes nothing.
 */
public final class Replay {

    private final EventStore store;
    private final StreamCatalog catalog;
    private final StreamDispatcher dispatcher;
    private final Duration margin;

    /**
     * @param margin how far around a dead letter's arrival times to look: events are stamped by the writer's clock
     *               just before the write, the stream stamps their arrival just after
     */
    public Replay(EventStore store, StreamCatalog catalog, StreamDispatcher dispatcher, Duration margin) {
        this.store = store;
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.margin = margin;
    }

    /** Replays one aggregate's events with {@code fromVersion <= version <= toVersion}. */
    public ReplayResult replay(StreamId stream, long fromVersion, long toVersion) {
        return redispatch(store.readStream(stream, Math.max(0, fromVersion - 1), toVersion));
    }

    /**
     * Replays the events of failed stream batches, found by their records' arrival times (plus the margin) in one
     * scan of the events table. A window holds every event written then, not only the failed ones: the others go
     * through the idempotent subscribers again and change nothing.
     */
    public ReplayResult replay(List<DeadLetter> deadLetters) {
        Map<EventKey, RecordedEvent> events = new LinkedHashMap<>();
        for (DeadLetter letter : deadLetters) {
            catalog.forEachEventRecordedBetween(letter.firstRecordArrival().minus(margin),
                    letter.lastRecordArrival().plus(margin), event -> events.put(EventKey.of(event), event));
        }
        return redispatch(events.values().stream()
                .sorted(Comparator.comparing((RecordedEvent event) -> event.stream().toString())
                        .thenComparingLong(RecordedEvent::aggregateVersion))
                .toList());
    }

    /** The one place replay hands events to the subscribers: the stream's own batch entry, in aggregate order. */
    private ReplayResult redispatch(List<RecordedEvent> events) {
        List<String> failed = dispatcher.dispatch(events).failed().stream().map(RecordedEvent::eventId).toList();
        return new ReplayResult(events.size(), failed);
    }
}
