package coop.stream;

import coop.functions.StreamBatches;
import coop.local.StreamPoller;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbParking;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another tenant's trigger latency while poisoned families are retried: two families whose history no longer folds
 * keep receiving events inside a backlog of 150 records, and another tenant's overdue notice comes after them on the
 * shard. The local poller delivers the stream as Lambda does (again from the first failed record, 11 deliveries at
 * most: the first and {@code MaximumRetryAttempts: 10}) to the real stream function's body. Prints the time from the
 * notice's append to its {@code PortalAccessLocked} being stored (the README shows the figure); never asserts on it.
 *
 * <p>The figure without parking: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=coop.stream.ParkedFamilyLatencyTest} prints both.
 */
public class ParkedFamilyLatencyTest extends StreamTest {

    private static final String OTHER_TENANT = "coop-south";
    private static final int LAMBDA_DELIVERIES = 11;
    private static final Duration BOUND = Duration.ofMinutes(10);
    /** The same backlog with no poison in it: the stream's normal lag, for comparison. */
    private static final int NO_POISON = -1;

    public static void main(String[] args) throws Exception {
        for (int parkAfter : new int[]{NO_POISON, 0, 3}) {
            ParkedFamilyLatencyTest run = new ParkedFamilyLatencyTest();
            run.freshStreamSide();
            try {
                run.measure(parkAfter);
            } finally {
                run.dropTables();
            }
        }
    }

    @Test
    void the_same_backlog_without_poison_for_comparison() throws Exception {
        assertThat(measure(NO_POISON).locked()).isTrue();
    }

    @Test
    void another_tenants_overdue_notice_locks_its_portal_while_poisoned_families_are_parked() throws Exception {
        Measured measured = measure(3);

        assertThat(measured.locked()).as("the other tenant's portal locked").isTrue();
        assertThat(new DynamoDbParking(dynamo, tables.name("CheckpointsTable")).parkedIn(TENANT))
                .extracting(parked -> parked.stream().aggregateId()).containsExactlyInAnyOrder("poison-0", "poison-1");
        for (int i = 0; i < 15; i++) {
            assertThat(summary("busy-" + i)).isEqualTo(expectedSummary("busy-" + i));
        }
    }

    private Measured measure(int parkAfter) throws Exception {
        FamilyParking parking = new FamilyParking(dispatcher,
                new DynamoDbParking(dynamo, tables.name("CheckpointsTable")), Math.max(0, parkAfter), clock);
        AtomicInteger failedDeliveries = new AtomicInteger();
        StreamPoller poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1",
                records -> {
                    var answer = StreamBatches.firstFailure(StreamBatches.handle(records, StreamRecords::event,
                            events -> parking.dispatch(events).failed()));
                    answer.ifPresent(failed -> failedDeliveries.incrementAndGet());
                    return answer;
                }, LAMBDA_DELIVERIES);
        StreamLoad load = new StreamLoad(store);
        StreamId other = StreamLoad.family(OTHER_TENANT, "diaz");
        load.enrol(other, 1);
        List<StreamId> poisoned = IntStream.range(0, 2).mapToObj(i -> family("poison-" + i)).toList();
        List<StreamId> busy = IntStream.range(0, 15).mapToObj(i -> family("busy-" + i)).toList();
        poisoned.forEach(stream -> load.enrol(stream, 0));
        busy.forEach(stream -> load.enrol(stream, 0));
        poller.drain();
        writeBacklog(load, poisoned, busy, parkAfter != NO_POISON);

        ScheduledExecutorService running = Executors.newSingleThreadScheduledExecutor();
        running.scheduleWithFixedDelay(poller::drain, 0, 100, TimeUnit.MILLISECONDS);
        long appended;
        long lockedAt = 0;
        try {
            load.append(other, 2, 1, StreamLoad::overdue);
            appended = System.nanoTime();
            while (lockedAt == 0 && System.nanoTime() - appended < BOUND.toNanos()) {
                Thread.sleep(100);
                if (store.readStream(other, 2, Long.MAX_VALUE).stream().map(RecordedEvent::eventType)
                        .anyMatch("PortalAccessLocked"::equals)) {
                    lockedAt = System.nanoTime();
                }
            }
        } finally {
            running.shutdown();
            assertThat(running.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        }
        poller.drain();
        System.out.printf("%s: another tenant's overdue notice locked its portal %.1f s after its append "
                        + "(%d failed deliveries)%n",
                switch (parkAfter) {
                    case NO_POISON -> "No poison (normal lag)";
                    case 0 -> "Two poisoned families, parking off";
                    default -> "Two poisoned families, parked after " + parkAfter + " deliveries";
                },
                ((lockedAt == 0 ? System.nanoTime() : lockedAt) - appended) / 1e9, failedDeliveries.get());
        return new Measured(lockedAt != 0);
    }

    /**
     * The poison first (an event that no longer folds, as a bad deployment or a hand edit could write), then 150
     * records of busy families among which each poisoned family gets five more events.
     */
    private void writeBacklog(StreamLoad load, List<StreamId> poisoned, List<StreamId> busy, boolean poison) {
        long[] poisonVersion = new long[poisoned.size()];
        for (int i = 0; i < poisoned.size(); i++) {
            NewEvent first = poison ? NewEvent.of("NoSuchFamilyEvent", 1, "{}") : StreamLoad.score(i);
            store.append(poisoned.get(i), ExpectedVersion.exactly(1), List.of(first),
                    EventMetadata.of("ops", "fix-" + i));
            poisonVersion[i] = 2;
        }
        for (int round = 0; round < 10; round++) {
            for (StreamId stream : busy) {
                load.append(stream, 1 + round, 1, StreamLoad::score);
            }
            if (round % 2 == 0) {
                for (int i = 0; i < poisoned.size(); i++) {
                    poisonVersion[i] = load.append(poisoned.get(i), poisonVersion[i], 1, StreamLoad::score);
                }
            }
        }
    }

    private record Measured(boolean locked) {
    }
}
