package coop.stream;

import coop.admin.ProjectionAdmin;
import coop.admin.RebuildSettings;
import coop.admin.RebuildWorker;
import coop.admin.UnknownProjection;
import coop.app.Json;
import coop.domain.family.Family;
import coop.local.ExecutorSegmentLauncher;
import coop.readmodel.ProjectionInfo;
import coop.readmodel.ReadModelQueries;
import coop.store.Checkpoint;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.Rebuild;
import coop.store.RebuildProgress;
import coop.store.RebuildSegment;
import coop.store.RebuildStore;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;
import coop.store.SegmentPage;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.DynamoDbRebuilds;
import coop.store.dynamodb.EventItems;
import coop.store.dynamodb.EventTableScan;
import coop.local.TableDefinitions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rebuilds as they run in AWS, with asynchronous invocations played by {@link ExecutorSegmentLauncher}: parallel scan
 * segments, checkpointed per page, handed on to fresh invocations, retried after a crash.
 */
class RebuildTest extends StreamTest {

    /** 20,000 events in few families: moto's cost is mostly per request, and each family is one load. */
    private static final int FAMILIES = 50;
    private static final int EVENTS_PER_FAMILY = 400;
    /** Pages of 1,000 events (moto reads the whole table for every page), one page per invocation. */
    private static final RebuildSettings SMALL_SEGMENTS = new RebuildSettings(4, 1000, 1);

    @Test
    void twenty_thousand_events_rebuilt_in_resumable_segments_equal_the_incremental_model() throws Exception {
        List<StreamId> families = IntStream.range(0, FAMILIES).mapToObj(i -> family("f" + i)).toList();
        loadHistories(families);
        for (StreamId stream : families) {
            apply(familySummary, store.readStream(stream, EVENTS_PER_FAMILY - 1, EVENTS_PER_FAMILY));
        }

        String rebuiltTable = tables.name("ReadModelsTable") + "-rebuilt";
        TableDefinitions.fromClasspath().create(dynamo, "ReadModelsTable", rebuiltTable);
        try {
            ReadModelStore rebuiltRows = new DynamoDbReadModels(dynamo, rebuiltTable);
            var rebuilt = new FamilySummaryProjection(aggregates, rebuiltRows, codec, Json.mapper(), true);
            AtomicInteger rebuiltStreams = new AtomicInteger();
            AtomicBoolean crashed = new AtomicBoolean();
            RebuildStore rebuilds = crashingOnceBeforeACheckpoint(
                    new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable")), () ->
                            rebuiltStreams.get() >= FAMILIES / 3 && crashed.compareAndSet(false, true));
            var scan = new EventTableScan(dynamo, tables.name("EventsTable"));
            Consumer<StreamId> crashOnceMidWay = stream -> {
                rebuiltStreams.incrementAndGet();
                rebuilt.rebuild(stream);
            };
            RebuildWorker[] worker = new RebuildWorker[1];
            try (var launcher = new ExecutorSegmentLauncher(task -> worker[0].run(task), 4)) {
                worker[0] = new RebuildWorker(scan, rebuilds, checkpoints, crashOnceMidWay, launcher, SMALL_SEGMENTS,
                        clock);
                ProjectionAdmin admin = new ProjectionAdmin(scan, rebuilds, checkpoints, launcher, SMALL_SEGMENTS,
                        clock);
                requests.reset();

                Rebuild rebuild = admin.start(FamilySummaryProjection.NAME);

                ProjectionInfo during = projectionsWith(rebuilds).projectionsOfAllTenants().projections().getFirst();
                assertThat(during.status()).isEqualTo(Checkpoint.Status.REBUILDING);
                ProjectionInfo tenantView = projectionsWith(rebuilds).projections(TENANT).projections().getFirst();
                assertThat(tenantView.status()).isEqualTo(Checkpoint.Status.REBUILDING);
                assertThat(tenantView.rebuild()).as("its figures count every tenant's events").isEmpty();
                assertThat(during.rebuild()).get().extracting(RebuildProgress::rebuildId, RebuildProgress::totalSegments,
                        RebuildProgress::eventsTotal).containsExactly(rebuild.id(), 4, (long) FAMILIES * EVENTS_PER_FAMILY);
                List<RecordedEvent> live = appendLiveEventsMeanwhile(families);
                live.forEach(event -> {
                    apply(familySummary, List.of(event));
                    apply(rebuilt, List.of(event));
                });
                RebuildProgress done = awaitFinished(rebuilds);

                assertThat(crashed).isTrue();
                assertThat(done.segmentsDone()).isEqualTo(4);
                assertThat(done.eventsDone()).isBetween((long) FAMILIES * EVENTS_PER_FAMILY,
                        (long) FAMILIES * EVENTS_PER_FAMILY + live.size());
                List<RebuildSegment> segments = rebuilds.segments(rebuild.id());
                assertThat(segments).as("several pages, so several invocations, per segment")
                        .allSatisfy(segment -> assertThat(segment.pages()).isGreaterThanOrEqualTo(2));
                long pages = segments.stream().mapToLong(RebuildSegment::pages).sum();
                assertThat(requests.operations().stream().filter("Scan"::equals).count())
                        .as("the crashed page is read again, the pages before it are not").isEqualTo(pages + 1);
                assertThat(checkpoints.find(FamilySummaryProjection.NAME).orElseThrow().status())
                        .isEqualTo(Checkpoint.Status.RUNNING);
            }
            ReadModelQueries rebuiltModel = new ReadModelQueries(rebuiltRows, checkpoints, dispatcher, Json.mapper());
            List<StreamId> all = new ArrayList<>(families);
            all.add(family("newcomer"));
            for (StreamId stream : all) {
                assertThat(rebuiltModel.familySummary(TENANT, stream.aggregateId()))
                        .isEqualTo(queries.familySummary(TENANT, stream.aggregateId())).isPresent();
            }
        } finally {
            dynamo.deleteTable(request -> request.tableName(rebuiltTable));
        }
    }

    @Test
    void rebuilding_over_the_live_model_changes_nothing_and_an_unknown_projection_is_refused() throws Exception {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();
        var before = summary("chen");
        RebuildStore rebuilds = new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable"));
        var scan = new EventTableScan(dynamo, tables.name("EventsTable"));
        RebuildWorker[] worker = new RebuildWorker[1];
        try (var launcher = new ExecutorSegmentLauncher(task -> worker[0].run(task), 2)) {
            RebuildSettings settings = new RebuildSettings(2, 1, 1);
            worker[0] = new RebuildWorker(scan, rebuilds, checkpoints, familySummary::rebuild, launcher, settings,
                    clock);
            ProjectionAdmin admin = new ProjectionAdmin(scan, rebuilds, checkpoints, launcher, settings, clock);

            admin.start(FamilySummaryProjection.NAME);
            awaitFinished(rebuilds);

            assertThat(summary("chen")).isEqualTo(before);
            assertThatThrownBy(() -> admin.start("no-such-projection")).isInstanceOf(UnknownProjection.class);
        }
    }

    /**
     * The real rebuild state, except that one page's checkpoint, once {@code crashNow} says so, is not written: the
     * invocation dies after rebuilding the page's rows and before checkpointing it, so its retry redoes the page.
     */
    private static RebuildStore crashingOnceBeforeACheckpoint(RebuildStore real, BooleanSupplier crashNow) {
        return new RebuildStore() {
            @Override
            public void start(Rebuild rebuild) {
                real.start(rebuild);
            }

            @Override
            public Optional<Rebuild> current(String projection) {
                return real.current(projection);
            }

            @Override
            public Optional<RebuildSegment> segment(String rebuildId, int segment) {
                return real.segment(rebuildId, segment);
            }

            @Override
            public List<RebuildSegment> segments(String rebuildId) {
                return real.segments(rebuildId);
            }

            @Override
            public boolean advance(String rebuildId, RebuildSegment from, SegmentPage page) {
                if (crashNow.getAsBoolean()) {
                    throw new IllegalStateException("the invocation died half-way through a page");
                }
                return real.advance(rebuildId, from, page);
            }

            @Override
            public boolean finish(Rebuild rebuild, Instant now) {
                return real.finish(rebuild, now);
            }
        };
    }

    /**
     * Writes the history in BatchWriteItem requests of the store's own items ({@link EventItems#toItem}): store
     * appends of 100 events would be 200 transactions, and moto copies the whole events table on each of them.
     */
    private void loadHistories(List<StreamId> families) {
        List<WriteRequest> writes = new ArrayList<>();
        for (StreamId stream : families) {
            int amount = 10 + Integer.parseInt(stream.aggregateId().substring(1));
            for (int version = 1; version <= EVENTS_PER_FAMILY; version++) {
                RecordedEvent event = version == 1
                        ? event(stream, version, "FamilyEnrolled", 1, "{\"family_name\":\"Family " + stream.aggregateId()
                        + "\",\"enrollment_date\":\"2024-09-01\"}")
                        : version % 2 == 0
                        ? event(stream, version, "PaymentDue", 1, "{\"amount\":" + amount + ",\"due_date\":\"2024-10-01\"}")
                        : event(stream, version, "PaymentReceived", 2, "{\"amount\":" + amount
                        + ",\"date\":\"2024-10-02\",\"payment_method\":\"cash\"}");
                writes.add(WriteRequest.builder().putRequest(put -> put.item(EventItems.toItem(event))).build());
            }
        }
        String table = tables.name("EventsTable");
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(from + 25,
                    writes.size())));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                pending = dynamo.batchWriteItem(request -> request.requestItems(batch)).unprocessedItems();
            }
        }
    }

    private RecordedEvent event(StreamId stream, long version, String type, int schema, String data) {
        return new RecordedEvent(UUID.randomUUID().toString(), type, schema, stream, version, data, clock.instant(),
                "loader", "load-" + stream.aggregateId(), Optional.empty());
    }

    private List<RecordedEvent> appendLiveEventsMeanwhile(List<StreamId> families) {
        List<RecordedEvent> live = new ArrayList<>();
        for (StreamId stream : List.of(families.get(FAMILIES / 2))) {
            store.append(stream, ExpectedVersion.exactly(EVENTS_PER_FAMILY), List.of(NewEvent.of("PaymentReceived", 2,
                    "{\"amount\":5,\"date\":\"2024-10-03\",\"payment_method\":\"check\"}")), EventMetadata.of("live", "live"));
            live.add(lastEvent(stream));
        }
        StreamId newcomer = family("newcomer");
        store.append(newcomer, ExpectedVersion.noStream(), List.of(NewEvent.of("FamilyEnrolled", 1,
                "{\"family_name\":\"Newcomer\",\"enrollment_date\":\"2024-10-03\"}")), EventMetadata.of("live", "live"));
        live.add(lastEvent(newcomer));
        return live;
    }

    private RecordedEvent lastEvent(StreamId stream) {
        return store.readStream(stream, store.currentVersion(stream) - 1, Long.MAX_VALUE).getFirst();
    }

    private ReadModelQueries projectionsWith(RebuildStore rebuilds) {
        return new ReadModelQueries(readModels, checkpoints, new StreamDispatcher(List.of(familySummary), checkpoints,
                clock, aggregates, store, familySummary), Json.mapper(), rebuilds::progress);
    }

    private RebuildProgress awaitFinished(RebuildStore rebuilds) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            RebuildProgress progress = rebuilds.progress(FamilySummaryProjection.NAME).orElseThrow();
            if (progress.finishedAt().isPresent()) {
                return progress;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild did not finish: " + rebuilds.progress(FamilySummaryProjection.NAME));
    }
}
