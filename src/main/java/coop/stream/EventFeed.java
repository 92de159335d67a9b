package coop.stream;

import coop.app.Envelopes;
import coop.store.RecordedEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes every stored event's envelope, the whole batch at once (the publisher sends them ten to a request). At
 * least once: a redelivered record publishes again, so consumers deduplicate by {@code event_id}; order is not kept
 * (EventBridge does not keep it either), consumers order by {@code aggregate_version}.
 */
public final class EventFeed implements Subscriber {

    public static final String NAME = "event-feed";

    private final FeedPublisher publisher;
    private final Envelopes envelopes;
    private final boolean active;

    public EventFeed(FeedPublisher publisher, Envelopes envelopes, boolean active) {
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.active = active;
    }

    @Override
    public Subscription subscription() {
        return new Subscription(NAME, HandlerType.FEED, Set.of(), active);
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
        Map<String, RecordedEvent> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.eventId(), event));
        List<Failure> failures = new ArrayList<>();
        List<FeedEvent> feed = new ArrayList<>();
        for (RecordedEvent event : byId.values()) {
            try {
                feed.add(new FeedEvent(event.tenantId(), envelopes.of(event)));
            } catch (RuntimeException unreadable) {
                failures.add(new Failure(event, unreadable));
            }
        }
        if (!feed.isEmpty()) {
            publisher.publish(feed).forEach((eventId, reason) -> failures.add(new Failure(byId.get(eventId),
                    new IllegalStateException("the bus refused event " + eventId + ": " + reason))));
        }
        return failures;
    }
}
