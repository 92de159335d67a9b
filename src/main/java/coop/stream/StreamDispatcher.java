package coop.stream;

import coop.store.CheckpointStore;
import coop.store.RecordedEvent;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands each stored event to every active subscriber that wants it, and keeps their checkpoints.
 *
 * <p>A failing subscriber does not stop the others: its failure is counted in its checkpoint and, once every
 * subscriber had its turn, the event fails as a whole so it is delivered again. Subscribers are idempotent, so
 * those that succeeded the first time change nothing on redelivery.
 */
public final class StreamDispatcher {

    private static final Logger LOG = Logger.getLogger(StreamDispatcher.class);

    private final List<Subscriber> subscribers;
    private final CheckpointStore checkpoints;
    private final Clock clock;

    public StreamDispatcher(List<Subscriber> subscribers, CheckpointStore checkpoints, Clock clock) {
        this.subscribers = List.copyOf(subscribers);
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** The registered subscribers, active or not. */
    public List<Subscription> subscriptions() {
        return subscribers.stream().map(Subscriber::subscription).toList();
    }

    /** @throws SubscribersFailed when any subscriber failed on the event, after all of them had their turn */
    public void process(RecordedEvent event) {
        List<String> failed = new ArrayList<>();
        RuntimeException first = null;
        for (Subscriber subscriber : subscribers) {
            Subscription subscription = subscriber.subscription();
            if (!subscription.wants(event)) {
                continue;
            }
            try {
                subscriber.handle(event);
                checkpoints.recordProcessed(subscription.name(), event.eventId(), event.timestamp(), clock.instant());
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed on event %s (%s %s v%d)", subscription.name(), event.eventId(),
                        event.eventType(), event.stream(), event.aggregateVersion());
                recordFailure(subscription.name(), event, e);
                failed.add(subscription.name());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new SubscribersFailed(event.eventId(), failed, first);
        }
    }

    private void recordFailure(String name, RecordedEvent event, RuntimeException error) {
        try {
            checkpoints.recordFailure(name, "event " + event.eventId() + " (" + event.eventType() + " "
                    + event.stream() + " v" + event.aggregateVersion() + "): " + error, clock.instant());
        } catch (RuntimeException alsoFailed) {
            // The record fails anyway and will be retried; losing the count is the lesser harm.
            LOG.warnf(alsoFailed, "Could not record the failure of %s", name);
        }
    }
}
