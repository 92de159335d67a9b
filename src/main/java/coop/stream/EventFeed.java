package coop.stream;

import coop.app.Envelopes;
import coop.readmodel.HandlerType;
import coop.store.RecordedEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes every stored event's envelope, the whole batch at once (the publisher sends them ten to a request). At
 * least once: a redelivered record publishes again, so consumers deduplicate by {@code tenant_id} and
 * {@code event_id} (an id is unique within its tenant only); order is not kept (EventBridge does not keep it
 * either), consumers order by {@code aggregate_version}. The feed carries no personal fields (names, ages, grades,
 * reasons): a bus's archive keeps events beyond the reach of a family's erasure, so they never go there.
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
        Map<EventKey, RecordedEvent> distinct = new LinkedHashMap<>();
        events.forEach(event -> distinct.putIfAbsent(EventKey.of(event), event));
        List<Failure> failures = new ArrayList<>();
        List<FeedEvent> feed = new ArrayList<>();
        for (RecordedEvent event : distinct.values()) {
            try {
                feed.add(new FeedEvent(event.tenantId(), envelopes.withoutPersonalData(event)));
            } catch (RuntimeException unreadable) {
                failures.add(new Failure(event, unreadable));
            }
        }
        if (!feed.isEmpty()) {
            // The bus names refusals by event id alone: every tenant's event with that id is delivered again.
            publisher.publish(feed).forEach((eventId, reason) -> distinct.values().stream()
                    .filter(event -> event.eventId().equals(eventId))
                    .forEach(event -> failures.add(new Failure(event,
                            new IllegalStateException("the bus refused event " + eventId + ": " + reason)))));
        }
        return failures;
    }
}
