package coop.stream;

import coop.app.AggregateTypes;
import coop.app.EventCodec;
import coop.domain.AggregateType;
import coop.store.RecordedEvent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes every stored event's envelope. At least once: a redelivered record publishes again, so consumers
 * deduplicate by {@code event_id}; order is not kept (EventBridge does not keep it either), consumers order by
 * {@code aggregate_version}.
 */
public final class EventFeed implements Subscriber {

    public static final String NAME = "event-feed";

    private final FeedPublisher publisher;
    private final AggregateTypes types;
    private final EventCodec codec;
    private final boolean active;

    public EventFeed(FeedPublisher publisher, AggregateTypes types, EventCodec codec, boolean active) {
        this.publisher = publisher;
        this.types = types;
        this.codec = codec;
        this.active = active;
    }

    @Override
    public Subscription subscription() {
        return new Subscription(NAME, HandlerType.FEED, Set.of(), active);
    }

    @Override
    public void handle(RecordedEvent event) {
        publisher.publish(envelope(event));
    }

    EventEnvelope envelope(RecordedEvent event) {
        Optional<AggregateType<?, ?>> type = types.find(event.aggregateType())
                .filter(t -> t.events().byName(event.eventType()).isPresent());
        Map<String, Object> data = type.map(t -> codec.upcastPayload(t, event)).orElseGet(() -> codec.read(event.data()));
        int version = type.map(t -> codec.latestVersion(t, event.eventType())).orElse(event.eventVersion());
        return new EventEnvelope(event.eventId(), event.eventType(), version, event.tenantId(), event.aggregateId(),
                event.aggregateType(), event.aggregateVersion(), data, event.timestamp(), event.userId(),
                event.correlationId(), event.causationId());
    }
}
