package coop.stream;

import coop.functions.StreamBatches;
import coop.local.StreamPoller;
import coop.store.RecordedEvent;
import coop.readmodel.FamilySummary;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.StreamId;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run keeps up with a burst: 1,200 events on one family and 3 on each of 40 others, appended a hundred at
 * a time while the local poller runs as {@code quarkus:dev} runs it. The test waits (at most a minute) until every
 * summary is current, every due lock fired exactly once and the long family has a snapshot, and prints how long it
 * took after the last append (the goal is seconds: the README shows the figure).
 */
class LocalRunKeepsUpTest extends StreamTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int OTHERS = 40;

    @Override
    List<Subscriber> subscribers() {
        return deployedSubscribers();
    }

    @Test
    void after_a_burst_every_summary_lock_and_snapshot_is_there_within_the_bound() throws Exception {
        StreamPoller poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1",
                records -> StreamBatches.firstFailure(StreamBatches.handle(records, StreamRecords::event, events -> dispatcher.dispatch(events).failed())));
        ScheduledExecutorService running = Executors.newSingleThreadScheduledExecutor();
        running.scheduleWithFixedDelay(poller::drain, 0, 100, TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            writeTheBurst();
            long written = System.nanoTime();
            boolean caughtUp = false;
            while (!caughtUp && System.nanoTime() - written < BOUND.toNanos()) {
                Thread.sleep(500);
                caughtUp = caughtUp();
            }
            long done = System.nanoTime();
            System.out.printf("Burst of %d events: written in %.1f s, stream caught up %.1f s after the last append%n",
                    1200 + 3 * OTHERS, (written - start) / 1e9, (done - written) / 1e9);
            assertThat(caughtUp).as("caught up within " + BOUND).isTrue();
        } finally {
            // No interrupt: a poll is let finish rather than cut off in the middle of a request.
            running.shutdown();
            assertThat(running.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (String familyId : allFamilies()) {
            assertThat(summary(familyId)).isEqualTo(expectedSummary(familyId));
            assertThat(ofType(familyId, "PortalAccessLocked")).hasSize(1);
        }
        assertThat(store.latestSnapshot(family("long"), Long.MAX_VALUE)).isPresent();
    }

    /** Straight into the store, a hundred events per append, as an import would write them. */
    private void writeTheBurst() {
        StreamLoad load = new StreamLoad(store);
        StreamId longFamily = family("long");
        load.append(longFamily, 0, 1200, i -> switch (i) {
            case 0 -> StreamLoad.enrolled("long");
            case 1198 -> StreamLoad.due(0);
            case 1199 -> StreamLoad.overdue(0);
            default -> StreamLoad.score(i);
        });
        for (int i = 0; i < OTHERS; i++) {
            StreamId other = family("other-" + i);
            load.append(other, load.enrol(other, 1), 1, StreamLoad::overdue);
        }
    }

    private List<String> allFamilies() {
        List<String> all = new ArrayList<>(List.of("long"));
        IntStream.range(0, OTHERS).forEach(i -> all.add("other-" + i));
        return all;
    }

    /**
     * Every family's summary at its final version (its events and its lock), read in one request so that watching
     * does not slow down what it watches; then the long family's snapshot.
     */
    private boolean caughtUp() {
        List<ReadModelRow> rows = readModels.findAll(FamilySummary.MODEL, allFamilies().stream()
                .map(id -> new ReadModelStore.RowKey(TENANT, id)).toList());
        boolean current = rows.size() == allFamilies().size() && rows.stream()
                .allMatch(row -> row.version() == (row.rowId().equals("long") ? 1201 : 4));
        return current && store.latestSnapshot(family("long"), Long.MAX_VALUE).isPresent();
    }

    private List<RecordedEvent> ofType(String familyId, String type) {
        return history(familyId).stream().filter(e -> e.eventType().equals(type)).toList();
    }
}
