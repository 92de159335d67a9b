package coop.stream;

import coop.app.AggregateRepository;
import coop.readmodel.SubscriberRegistry;
import coop.store.BatchProgress;
import coop.store.CheckpointStore;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hands a batch of stored events to every active subscriber, once per subscriber with the events it wants, and keeps
 * their checkpoints: one write per subscriber (and tenant) per batch.
 *
 * <p>A failing subscriber does not stop the others, and a failing aggregate does not stop the other aggregates of its
 * subscriber: the failed events are counted in the subscriber's checkpoint and returned, so they are delivered again.
 * Subscribers are idempotent, so what succeeded the first time changes nothing on redelivery.
 */
public final class StreamDispatcher implements SubscriberRegistry {

    private static final Logger LOG = Logger.getLogger(StreamDispatcher.class);

    private final List<Subscriber> subscribers;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final AggregateRepository aggregates;
    private final EventStore store;
    private final StartingPoints startingPoints;

    public StreamDispatcher(List<Subscriber> subscribers, CheckpointStore checkpoints, Clock clock,
                            AggregateRepository aggregates, EventStore store, StartingPoints startingPoints) {
        this.subscribers = List.copyOf(subscribers);
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.aggregates = aggregates;
        this.store = store;
        this.startingPoints = startingPoints;
    }

    /** The registered subscribers, active or not. */
    @Override
    public List<Subscription> subscriptions() {
        return subscribers.stream().map(Subscriber::subscription).toList();
    }

    /**
     * Handles a batch of stored events, in any order, duplicates allowed (a stream batch, or events read back from
     * the events table to replay them).
     *
     * @return the events some subscriber could not handle (none when all went through), and by whom
     */
    public Dispatched dispatch(List<RecordedEvent> events) {
        BatchStates states = new BatchStates(events, aggregates, store, startingPoints);
        Set<EventKey> failedKeys = new LinkedHashSet<>();
        Map<String, Integer> failuresBySubscriber = new LinkedHashMap<>();
        List<Failure> allFailures = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            Subscription subscription = subscriber.subscription();
            List<RecordedEvent> wanted = events.stream().filter(subscription::wants).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            List<Failure> failures;
            try {
                failures = subscriber.handle(wanted, states);
            } catch (RuntimeException e) {
                failures = wanted.stream().map(event -> new Failure(event, e)).toList();
            }
            failures.forEach(failure -> failedKeys.add(EventKey.of(failure.event())));
            allFailures.addAll(failures);
            if (!failures.isEmpty()) {
                failuresBySubscriber.put(subscription.name(), failures.size());
            }
            record(subscription.name(), wanted, failures);
        }
        return new Dispatched(events.stream().filter(event -> failedKeys.contains(EventKey.of(event))).toList(),
                failuresBySubscriber, allFailures, List.of());
    }

    private void record(String name, List<RecordedEvent> wanted, List<Failure> failures) {
        Set<EventKey> failed = failures.stream().map(f -> EventKey.of(f.event())).collect(Collectors.toSet());
        Map<String, List<RecordedEvent>> byTenant = wanted.stream()
                .collect(Collectors.groupingBy(RecordedEvent::tenantId, LinkedHashMap::new, Collectors.toList()));
        byTenant.forEach((tenant, ofTenant) -> {
            var last = ofTenant.stream().filter(event -> !failed.contains(EventKey.of(event)))
                    .max(Comparator.comparing(RecordedEvent::timestamp)
                            .thenComparing(RecordedEvent::aggregateVersion));
            List<Failure> ofTenantFailures = failures.stream()
                    .filter(failure -> failure.event().tenantId().equals(tenant)).toList();
            ofTenantFailures.stream().findFirst().ifPresent(first -> LOG.errorf(first.error(),
                    "%s failed on %d event(s), first %s", name, ofTenantFailures.size(), describe(first.event())));
            BatchProgress progress = new BatchProgress(last.map(RecordedEvent::eventId),
                    last.map(RecordedEvent::timestamp),
                    (int) ofTenantFailures.stream().map(f -> f.event().stream()).distinct().count(),
                    ofTenantFailures.stream().findFirst().map(f -> describe(f.event()) + ": " + f.error()));
            try {
                checkpoints.recordBatch(name, tenant, progress, clock.instant());
            } catch (RuntimeException alsoFailed) {
                // The batch's outcome stands; losing one progress update is the lesser harm.
                LOG.warnf(alsoFailed, "Could not record the progress of %s", name);
            }
        });
    }

    private static String describe(RecordedEvent event) {
        return "event " + event.eventId() + " (" + event.eventType() + " " + event.stream() + " v"
                + event.aggregateVersion() + ")";
    }
}
