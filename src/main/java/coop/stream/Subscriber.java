package coop.stream;

import coop.store.RecordedEvent;

import java.util.List;

/**
 * Something that reacts to stored events delivered by the DynamoDB stream: a projection, a trigger, the feed.
 *
 * <p>It gets the events of one batch that it wants, in any order and possibly more than once: delivery is at least
 * once and ordered only per item. So {@link #handle} must be idempotent (a redelivered event changes nothing) and
 * order-proof (an event that arrives before an earlier one of its aggregate must not be applied ahead of it).
 */
public interface Subscriber {

    Subscription subscription();

    /**
     * Handles a batch's events, per aggregate where it keeps per-aggregate state.
     *
     * @param states each aggregate's state after the batch, worked out once and shared by the subscribers
     * @return the events it could not handle, to be delivered again; a failure holds back only its own aggregate
     */
    List<Failure> handle(List<RecordedEvent> events, BatchStates states);
}
