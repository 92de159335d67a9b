package coop.stream;

import coop.admin.Replay;
import coop.admin.ReplayResult;
import coop.admin.Unpark;
import coop.store.ParkedFamily;
import coop.store.ParkingStore;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbParking;
import coop.store.dynamodb.EventTableScan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's un-park racing the live stream, which parks one more event of the family (an invocation still on
 * the faulty release meets a new event). Released together, many rounds, the live event landing before, during or
 * after the replay: afterwards no event is lost, each is applied, still parked or answered failed (and delivered
 * again): either the family is un-parked and its summary is at its newest version, or it is parked from a version its
 * summary has not passed. With an unconditional release, or a parking that outlives a release, it fails.
 */
class UnparkRaceTest extends StreamTest {

    private static final int ROUNDS = 15;

    @Test
    void an_unpark_racing_a_live_parking_loses_no_event() throws Exception {
        ParkingStore parking = new DynamoDbParking(dynamo, tables.name("CheckpointsTable"));
        BreakableSubscriber faultySummary = new BreakableSubscriber(familySummary, event -> true,
                () -> new IllegalStateException("a bug in the old release"));
        faultySummary.broken(true);
        FamilyParking oldRelease = new FamilyParking(new StreamDispatcher(List.of(faultySummary), checkpoints, clock,
                aggregates, store, familySummary), parking, 1, clock);
        FamilyParking newRelease = new FamilyParking(dispatcher, parking, 1, clock);
        Unpark unpark = new Unpark(new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")),
                dispatcher, Duration.ofMinutes(1)), parking);
        int stillParked = 0;
        int redelivered = 0;
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "unpark-race"));
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String familyId = "race-" + round;
                enroll(familyId, "Race Family");
                deliverAll();
                due(familyId, 100, "2024-10-01");
                assertThat(oldRelease.dispatch(history(familyId).subList(1, 2)).parked()).hasSize(1);
                CyclicBarrier together = new CyclicBarrier(2);

                Future<ReplayResult> unparked = threads.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return unpark.unpark(family(familyId));
                });
                long stagger = (round % 5) * 60L; // the live event lands before, during or after the replay
                Future<Dispatched> live = threads.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    Thread.sleep(stagger);
                    due(familyId, 120, "2024-11-01");
                    return oldRelease.dispatch(List.of(history(familyId).getLast()));
                });
                assertThat(unparked.get(60, TimeUnit.SECONDS).failedEventIds()).isEmpty();
                List<RecordedEvent> toRedeliver = live.get(60, TimeUnit.SECONDS).failed();
                redelivered += toRedeliver.isEmpty() ? 0 : 1;
                // A record the live stream answered as failed is delivered again, by then to the fixed release.
                assertThat(newRelease.dispatch(toRedeliver).failed()).isEmpty();

                long rowVersion = summary(familyId).aggregateVersion();
                Optional<ParkedFamily> parked = parking.find(family(familyId));
                if (parked.isEmpty()) {
                    assertThat(rowVersion).as("round %d: un-parked, so every event applied", round).isEqualTo(3);
                } else {
                    stillParked++;
                    assertThat(parked.get().fromVersion()).as("round %d: still parked from an unapplied event",
                            round).isLessThanOrEqualTo(rowVersion + 1);
                    assertThat(unpark.unpark(family(familyId)).failedEventIds()).isEmpty();
                    assertThat(summary(familyId).aggregateVersion()).isEqualTo(3);
                }
                assertThat(summary(familyId)).isEqualTo(expectedSummary(familyId));
            }
            System.out.printf("%d rounds: %d left parked by the live stream, %d answered failed and delivered again, "
                    + "the rest un-parked with every event applied%n", ROUNDS, stillParked, redelivered);
        } finally {
            threads.shutdownNow();
        }
    }
}
