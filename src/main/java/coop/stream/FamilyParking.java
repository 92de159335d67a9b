package coop.stream;

import coop.store.FamilyFailures;
import coop.store.ParkingStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live stream's batch entry: the dispatcher, plus parking. An aggregate whose delivery fails on the same event
 * {@code parkAfterAttempts} times in a row (counted durably, across invocations) is parked: that event and the
 * aggregate's later events of the batch are recorded as parked and reported handled, so the shard moves on and the
 * other aggregates and tenants behind it flow at the stream's normal lag. A parked aggregate's later events are
 * parked on their first failure: every subscriber that folds its state meets the parked event again (the fold reads
 * the gap from the store), so nothing is applied past it. An operator replays the parked events once the cause is
 * fixed ({@code Replay.unpark}).
 *
 * <p>Only the failure path costs requests (one update per failing aggregate, one more when it parks): a batch that
 * goes through reads and writes nothing here. Passing failures and the deployment's ({@link ParkableFailures}) are
 * never counted.
 * Replays use the dispatcher itself and never park: they answer their failures to the operator.
 */
public final class FamilyParking {

    private static final Logger LOG = Logger.getLogger(FamilyParking.class);

    private final StreamDispatcher dispatcher;
    private final ParkingStore parking;
    private final int parkAfterAttempts;
    private final Clock clock;

    /** @param parkAfterAttempts failed deliveries of one event that park its aggregate; 0 never parks */
    public FamilyParking(StreamDispatcher dispatcher, ParkingStore parking, int parkAfterAttempts, Clock clock) {
        if (parkAfterAttempts < 0) {
            throw new IllegalArgumentException("coop.stream.park-after-attempts must be 0 (never) or more");
        }
        this.dispatcher = dispatcher;
        this.parking = parking;
        this.parkAfterAttempts = parkAfterAttempts;
        this.clock = clock;
    }

    /** Dispatches a stream batch; the events it parks are in {@link Dispatched#parked()}, not in its failures. */
    public Dispatched dispatch(List<RecordedEvent> events) {
        Dispatched dispatched = dispatcher.dispatch(events);
        if (dispatched.failed().isEmpty() || parkAfterAttempts == 0) {
            return dispatched;
        }
        Map<StreamId, List<Failure>> byStream = dispatched.failures().stream()
                .collect(Collectors.groupingBy(failure -> failure.event().stream(), LinkedHashMap::new,
                        Collectors.toList()));
        Set<EventKey> parked = new HashSet<>();
        byStream.forEach((stream, failures) -> {
            if (failures.stream().allMatch(failure -> ParkableFailures.parkable(failure.error()))) {
                parked.addAll(countOrPark(stream, failures, events));
            }
        });
        if (parked.isEmpty()) {
            return dispatched;
        }
        return new Dispatched(
                dispatched.failed().stream().filter(event -> !parked.contains(EventKey.of(event))).toList(),
                dispatched.failuresBySubscriber(),
                dispatched.failures().stream().filter(f -> !parked.contains(EventKey.of(f.event()))).toList(),
                events.stream().filter(event -> parked.contains(EventKey.of(event))).distinct().toList());
    }

    /** Counts the failed delivery; once it is one too many, parks the stream's failed and later events. */
    private Set<EventKey> countOrPark(StreamId stream, List<Failure> failures, List<RecordedEvent> batch) {
        Failure first = failures.stream().min(Comparator.comparingLong(f -> f.event().aggregateVersion()))
                .orElseThrow();
        long from = first.event().aggregateVersion();
        try {
            FamilyFailures count = parking.countFailure(stream, from, describe(first), clock.instant());
            if (!count.parked() && count.attempts() < parkAfterAttempts) {
                return Set.of();
            }
            Set<EventKey> toPark = batch.stream()
                    .filter(event -> event.stream().equals(stream) && event.aggregateVersion() >= from)
                    .map(EventKey::of).collect(Collectors.toSet());
            if (!parking.park(stream, from, toPark.size(), clock.instant())) {
                LOG.warnf("%s was un-parked while this delivery failed: its records are delivered again", stream);
                return Set.of();
            }
            if (count.parked()) {
                LOG.warnf("Parked %d more record(s) of %s, parked since version %d", toPark.size(), stream,
                        count.parkedFrom().getAsLong());
            } else {
                LOG.errorf("Parked %s from version %d (%d record(s)) after %d failed deliveries: %s", stream, from,
                        toPark.size(), count.attempts(), describe(first));
            }
            return toPark;
        } catch (RuntimeException notRecorded) {
            // Without a durable count the records stay failed: Lambda delivers them again, as without parking.
            LOG.warnf(notRecorded, "Could not count the failure of %s", stream);
            return Set.of();
        }
    }

    private static String describe(Failure failure) {
        RecordedEvent event = failure.event();
        return "event " + event.eventId() + " (" + event.eventType() + " v" + event.aggregateVersion() + "): "
                + failure.error();
    }
}
