package coop.stream;

import coop.app.Envelopes;
import coop.store.RecordedEvent;

import java.util.Set;

/**
 * Publishes every stored event's envelope. At least once: a redelivered record publishes again, so consumers
 * deduplicate by {@code event_id}; order is not kept (EventBridge does not keep it either), consumers order by
 * {@code aggregate_version}.
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
    public void handle(RecordedEvent event) {
        publisher.publish(new FeedEvent(event.tenantId(), envelopes.of(event)));
    }
}
