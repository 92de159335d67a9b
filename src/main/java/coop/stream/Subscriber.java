package coop.stream;

import coop.store.RecordedEvent;

/**
 * Something that reacts to stored events delivered by the DynamoDB stream: a projection, a trigger, the feed.
 *
 * <p>Delivery is at least once and ordered only per item, so {@link #handle} must be idempotent (a redelivered event
 * changes nothing) and order-proof (an event that arrives before an earlier one of its aggregate must not be applied
 * ahead of it). Throwing makes the record fail, so it is delivered again.
 */
public interface Subscriber {

    Subscription subscription();

    void handle(RecordedEvent event);
}
