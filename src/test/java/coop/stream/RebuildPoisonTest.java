package coop.stream;

import coop.admin.ProjectionAdmin;
import coop.admin.RebuildSettings;
import coop.admin.RebuildWorker;
import coop.app.Json;
import coop.local.ExecutorSegmentLauncher;
import coop.readmodel.ReadModelQueries;
import coop.store.Checkpoint;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RebuildProgress;
import coop.store.RebuildStore;
import coop.store.ReadModelStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.DynamoDbRebuilds;
import coop.store.dynamodb.EventTableScan;
import coop.local.TableDefinitions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A family whose history no longer folds holds back only itself in a rebuild, as it does on the stream: the other
 * families of its page and segment are rebuilt, the rebuild finishes, and the checkpoint names the family.
 */
class RebuildPoisonTest extends StreamTest {

    /** One segment of one-item pages: the poison's page comes before the other families' pages. */
    private static final RebuildSettings SETTINGS = new RebuildSettings(1, 1, 20);

    @Test
    void a_family_that_no_longer_folds_is_skipped_and_named_and_the_rebuild_finishes() throws Exception {
        enroll("aaron", "Aaron Family");
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        enroll("lee", "Lee Family");
        deliverAll();
        // Written past the service's validation, as a bad deployment or a hand edit could: it no longer folds.
        store.append(family("aaron"), ExpectedVersion.exactly(1), List.of(NewEvent.of("NoSuchFamilyEvent", 1, "{}")),
                EventMetadata.of("ops", "fix-1"));
        String rebuiltTable = tables.name("ReadModelsTable") + "-rebuilt";
        TableDefinitions.fromClasspath().create(dynamo, "ReadModelsTable", rebuiltTable);
        try {
            ReadModelStore rebuiltRows = new DynamoDbReadModels(dynamo, rebuiltTable);
            var rebuilt = new FamilySummaryProjection(aggregates, rebuiltRows, codec, Json.mapper(), true);
            RebuildStore rebuilds = new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable"));
            var scan = new EventTableScan(dynamo, tables.name("EventsTable"));
            RebuildWorker[] worker = new RebuildWorker[1];
            AtomicInteger failedInvocations = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            try (var launcher = new ExecutorSegmentLauncher(task -> {
                inFlight.incrementAndGet();
                try {
                    worker[0].run(task);
                } catch (RuntimeException e) {
                    failedInvocations.incrementAndGet();
                    throw e;
                } finally {
                    inFlight.decrementAndGet();
                }
            }, 1)) {
                worker[0] = new RebuildWorker(scan, rebuilds, checkpoints, rebuilt::rebuild, launcher, SETTINGS,
                        clock);
                new ProjectionAdmin(scan, rebuilds, checkpoints, launcher, SETTINGS, clock)
                        .start(FamilySummaryProjection.NAME);

                awaitFinished(rebuilds);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while ((failedInvocations.get() == 0 || inFlight.get() > 0) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50); // the invocation fails once it handed its segment on; its retry then stops
                }
                Thread.sleep(200);
                assertThat(inFlight).hasValue(0);
            }

            assertThat(failedInvocations).as("one failed invocation, for the errors alarm").hasValue(1);
            ReadModelQueries rebuiltModel = new ReadModelQueries(rebuiltRows, checkpoints, dispatcher, Json.mapper());
            assertThat(rebuiltModel.familySummary(TENANT, "chen")).contains(expectedSummary("chen"));
            assertThat(rebuiltModel.familySummary(TENANT, "lee")).contains(expectedSummary("lee"));
            assertThat(rebuiltModel.familySummary(TENANT, "aaron")).isEmpty();
            Checkpoint checkpoint = checkpoints.find(FamilySummaryProjection.NAME).orElseThrow();
            assertThat(checkpoint.status()).isEqualTo(Checkpoint.Status.RUNNING);
            assertThat(checkpoint.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("aaron").contains("NoSuchFamilyEvent"));
        } finally {
            dynamo.deleteTable(request -> request.tableName(rebuiltTable));
        }
    }

    private void awaitFinished(RebuildStore rebuilds) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<RebuildProgress> progress = rebuilds.progress(FamilySummaryProjection.NAME);
            if (progress.flatMap(RebuildProgress::finishedAt).isPresent()) {
                Thread.sleep(200); // the finishing segment sets the status right after
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild did not finish: " + rebuilds.progress(FamilySummaryProjection.NAME));
    }
}
