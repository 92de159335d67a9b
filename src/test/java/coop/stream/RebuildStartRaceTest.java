package coop.stream;

import coop.admin.ProjectionAdmin;
import coop.admin.RebuildSettings;
import coop.admin.RebuildWorker;
import coop.local.ExecutorSegmentLauncher;
import coop.store.BatchProgress;
import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.RebuildProgress;
import coop.store.RebuildStore;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbRebuilds;
import coop.store.dynamodb.EventTableScan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Two operators who press "rebuild" at once: one rebuild runs to its end, and the projection ends up running. */
class RebuildStartRaceTest extends StreamTest {

    private static final RebuildSettings SETTINGS = new RebuildSettings(2, 10, 1);

    /** The real checkpoints, except that the first "rebuilding" status write waits until it is let go. */
    private static CheckpointStore holdingFirstRebuildingStatus(CheckpointStore real, CountDownLatch reached,
                                                                CountDownLatch letGo) {
        AtomicBoolean held = new AtomicBoolean();
        return new CheckpointStore() {
            @Override
            public Optional<Checkpoint> find(String name) {
                return real.find(name);
            }

            @Override
            public Optional<Checkpoint> find(String name, String tenantId) {
                return real.find(name, tenantId);
            }

            @Override
            public void recordBatch(String name, String tenantId, BatchProgress progress, Instant now) {
                real.recordBatch(name, tenantId, progress, now);
            }

            @Override
            public void recordFailure(String name, String error, Instant now) {
                real.recordFailure(name, error, now);
            }

            @Override
            public void setStatus(String name, Checkpoint.Status status, Instant now) {
                if (status == Checkpoint.Status.REBUILDING && held.compareAndSet(false, true)) {
                    reached.countDown();
                    try {
                        assertThat(letGo.await(60, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                real.setStatus(name, status, now);
            }

            @Override
            public Map<StreamId, Long> cursors(String name, Collection<StreamId> streams) {
                return real.cursors(name, streams);
            }

            @Override
            public void moveCursors(String name, Map<StreamId, Long> versions) {
                real.moveCursors(name, versions);
            }
        };
    }

    @Test
    void a_start_that_is_overtaken_by_a_whole_rebuild_leaves_the_projection_running() throws Exception {
        enroll("chen", "Chen Family");
        deliverAll();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CheckpointStore slowFirst = holdingFirstRebuildingStatus(checkpoints, reached, letGo);
        RebuildStore rebuilds = new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable"));
        var scan = new EventTableScan(dynamo, tables.name("EventsTable"));
        RebuildWorker[] worker = new RebuildWorker[1];
        try (var launcher = new ExecutorSegmentLauncher(task -> worker[0].run(task), 2)) {
            worker[0] = new RebuildWorker(scan, rebuilds, checkpoints, familySummary::rebuild, launcher, SETTINGS,
                    clock);
            ProjectionAdmin first = new ProjectionAdmin(scan, rebuilds, slowFirst, launcher, SETTINGS, clock);
            ProjectionAdmin second = new ProjectionAdmin(scan, rebuilds, checkpoints, launcher, SETTINGS, clock);

            CompletableFuture<?> slow = CompletableFuture.runAsync(() -> first.start(FamilySummaryProjection.NAME),
                    Executors.newVirtualThreadPerTaskExecutor());
            assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
            second.start(FamilySummaryProjection.NAME);
            awaitCurrentFinished(rebuilds);
            letGo.countDown();
            slow.get(60, TimeUnit.SECONDS);
            awaitCurrentFinished(rebuilds);
        }

        assertThat(settledStatus()).isEqualTo(Checkpoint.Status.RUNNING);
    }

    @Test
    void starts_released_together_end_with_one_finished_rebuild_and_the_projection_running() throws Exception {
        enroll("chen", "Chen Family");
        enroll("lee", "Lee Family");
        deliverAll();
        RebuildStore rebuilds = new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable"));
        var scan = new EventTableScan(dynamo, tables.name("EventsTable"));
        RebuildWorker[] worker = new RebuildWorker[1];
        int admins = 4;
        ExecutorService callers = Executors.newFixedThreadPool(admins);
        try (var launcher = new ExecutorSegmentLauncher(task -> worker[0].run(task), 4)) {
            worker[0] = new RebuildWorker(scan, rebuilds, checkpoints, familySummary::rebuild, launcher, SETTINGS,
                    clock);
            ProjectionAdmin admin = new ProjectionAdmin(scan, rebuilds, checkpoints, launcher, SETTINGS, clock);
            for (int round = 0; round < 5; round++) {
                CyclicBarrier together = new CyclicBarrier(admins);
                List<CompletableFuture<?>> starts = new ArrayList<>();
                for (int i = 0; i < admins; i++) {
                    starts.add(CompletableFuture.runAsync(() -> {
                        try {
                            together.await(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        admin.start(FamilySummaryProjection.NAME);
                    }, callers));
                }
                for (CompletableFuture<?> start : starts) {
                    start.get(60, TimeUnit.SECONDS);
                }
                RebuildProgress done = awaitCurrentFinished(rebuilds);

                assertThat(done.segmentsDone()).as("round %d", round).isEqualTo(SETTINGS.segments());
                assertThat(settledStatus()).as("round %d", round).isEqualTo(Checkpoint.Status.RUNNING);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
    }

    /** The projection's status once it is running again, or as it stands after a few seconds of waiting for that. */
    private Checkpoint.Status settledStatus() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Checkpoint.Status status;
        do {
            status = checkpoints.find(FamilySummaryProjection.NAME).orElseThrow().status();
            if (status == Checkpoint.Status.RUNNING) {
                return status;
            }
            Thread.sleep(50); // the finishing segment sets the status right after the rebuild's end
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    /** Waits until the projection's current rebuild is finished. */
    private RebuildProgress awaitCurrentFinished(RebuildStore rebuilds) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Optional<RebuildProgress> progress = rebuilds.progress(FamilySummaryProjection.NAME);
            if (progress.flatMap(RebuildProgress::finishedAt).isPresent()) {
                return progress.orElseThrow();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild did not finish: " + rebuilds.progress(FamilySummaryProjection.NAME));
    }
}
