package coop.stream;

import coop.readmodel.HandlerType;
import coop.readmodel.Subscribed;
import coop.store.RecordedEvent;

import java.util.Set;

/**
 * A subscriber's registration, as the seed's {@code event_subscriptions}: its name (also its checkpoint's name),
 * what it does, the event types it wants (empty: all of them) and whether it is active.
 */
public record Subscription(String name, HandlerType handlerType, Set<String> eventTypes, boolean active) implements Subscribed {

    public Subscription {
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean wants(RecordedEvent event) {
        return active && (eventTypes.isEmpty() || eventTypes.contains(event.eventType()));
    }

    public Subscription withActive(boolean active) {
        return new Subscription(name, handlerType, eventTypes, active);
    }
}
