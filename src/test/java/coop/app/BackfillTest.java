package coop.app;

import coop.admin.Backfills;
import coop.admin.RebuildSettings;
import coop.admin.SegmentTasks;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.local.ExecutorSegmentLauncher;
import coop.store.BackfillPage;
import coop.store.ChainVerification;
import coop.store.EventBackfill;
import coop.store.EventIdConflict;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.Rebuild;
import coop.store.RebuildProgress;
import coop.store.RebuildSegment;
import coop.store.RebuildStore;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventBackfill;
import coop.store.dynamodb.DynamoDbRebuilds;
import coop.store.dynamodb.EventItems;
import coop.store.dynamodb.EventTableScan;
import coop.testing.BulkEvents;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static coop.app.OnDemandSnapshotTest.enrolment;
import static coop.app.OnDemandSnapshotTest.family;
import static coop.app.OnDemandSnapshotTest.payments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The upgrade backfill on events stored before event ids were unique, as-of loads had their index and streams were
 * hash chains: events written
 * straight into the events table without id items or time keys, a backfill that dies after a page's writes and is
 * retried, then ids found and protected, as-of loads cheap, and a second backfill that changes nothing.
 */
class BackfillTest extends AppTest {

    private static final int PER_APPEND = 20;
    private static final RebuildSettings SMALL_PAGES = new RebuildSettings(2, 7, 2);
    private final Instant start = Instant.parse("2024-09-01T09:00:00Z");

    @Test
    void old_events_get_their_ids_and_time_keys_once_and_a_crashed_page_is_redone() throws Exception {
        StreamId old = family("old");
        List<String> oldIds = storeTheOldWay(old, 3);
        storeTheOldWay(family("dup-a"), List.of(enrolmentWithId("twice")), start);
        storeTheOldWay(family("dup-b"), List.of(enrolmentWithId("twice")), start);
        append("new", ExpectedVersion.exactly(0), enrolled("New"));
        assertThat(store.findEvent(TENANT, oldIds.get(5))).as("before the backfill").isEmpty();
        assertThat(store.verifyChain(old).problem()).as("before the backfill").contains(ChainVerification.NOT_CHAINED);
        assertThat(store.verifyChain(old).verified()).isFalse();

        RebuildStore state = new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable"));
        EventBackfill real = new DynamoDbEventBackfill(dynamo, tables.name("EventsTable"), tables.name("EventIdsTable"));
        AtomicInteger pages = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        EventBackfill diesAfterItsThirdPage = (segment, total, after, size) -> {
            BackfillPage page = real.backfill(segment, total, after, size);
            if (pages.incrementAndGet() == 3 && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("the invocation died after the page's writes, before its checkpoint");
            }
            return page;
        };
        Backfills[] backfills = new Backfills[1];
        try (var launcher = new ExecutorSegmentLauncher(task -> new SegmentTasks(null, backfills[0]).accept(task), 2)) {
            backfills[0] = new Backfills(diesAfterItsThirdPage, new EventTableScan(dynamo, tables.name("EventsTable")),
                    state, launcher, SMALL_PAGES, clock);

            Rebuild backfill = backfills[0].start();

            RebuildProgress done = awaitFinished(state, backfill);
            assertThat(crashed).isTrue();
            assertThat(done.eventsDone()).isEqualTo(1 + 3 * PER_APPEND + 3);
            assertThat(state.segments(backfill.id())).as("a segment goes on in further invocations")
                    .anySatisfy(segment -> assertThat(segment.pages()).isGreaterThan(SMALL_PAGES.pagesPerInvocation()));
        }

        for (String familyId : List.of("old", "dup-a", "dup-b", "new")) {
            assertThat(store.verifyChain(family(familyId))).as(familyId)
                    .satisfies(chain -> assertThat(chain.verified()).isTrue());
        }
        assertThat(store.verifyChain(old).aggregateVersion()).isEqualTo(1 + 3 * PER_APPEND);
        for (int i = 0; i < oldIds.size(); i++) {
            assertThat(store.findEvent(TENANT, oldIds.get(i))).get()
                    .extracting(event -> event.aggregateVersion()).isEqualTo(i + 1L);
        }
        assertThatThrownBy(() -> events.append(new AppendRequest(TENANT, "Family", "thief", ExpectedVersion.exactly(0),
                List.of(new ProposedEvent(Optional.of(oldIds.get(7)), "FamilyEnrolled", Optional.empty(),
                        Map.of("family_name", "Thief", "enrollment_date", "2024-09-01"))), "sarah", Optional.empty(),
                Optional.empty())))
                .isInstanceOf(EventIdConflict.class)
                .satisfies(conflict -> assertThat(((EventIdConflict) conflict).storedAt()).get()
                        .hasToString("Family old version 8"));
        assertThat(store.currentVersion(family("thief"))).isZero();

        AggregateRepository loads = new AggregateRepository(store, codec, type -> 100, SnapshotWrites.NONE);
        requests.reset();
        Loaded<FamilyState> asOf = loads.load(Family.INSTANCE, old,
                new LoadTarget.AsOf(minute(2).plusSeconds(30))).orElseThrow();
        assertThat(requests.operations()).hasSizeLessThanOrEqualTo(3).containsOnly("Query");
        assertThat(asOf.version()).isEqualTo(1 + 2L * PER_APPEND);

        Set<String> twiceAt = new HashSet<>(List.of("dup-a", "dup-b"));
        String registered = store.findEvent(TENANT, "twice").orElseThrow().aggregateId();
        assertThat(twiceAt).contains(registered);
        List<Map<String, AttributeValue>> before = everything();
        BackfillPage again = real.backfill(0, 1, Optional.empty(), 1000);
        assertThat(again.next()).isEmpty();
        assertThat(again.idsAdded()).isZero();
        assertThat(again.timeKeysAdded()).isZero();
        assertThat(again.eventsChained()).isZero();
        assertThat(again.duplicateIds()).singleElement().satisfies(duplicate -> {
            assertThat(duplicate.eventId()).isEqualTo("twice");
            assertThat(duplicate.registeredAt().aggregateId()).isEqualTo(registered);
            twiceAt.remove(registered);
            assertThat(duplicate.alsoAt().aggregateId()).isEqualTo(twiceAt.iterator().next());
        });
        assertThat(everything()).as("a second backfill changes nothing").isEqualTo(before);
    }

    /** Events as an older release stored them: no event-id items, no time-version key. Returns their ids. */
    private List<String> storeTheOldWay(StreamId stream, int appends) {
        List<String> ids = new ArrayList<>();
        List<NewEvent> first = List.of(codec.encode(Family.INSTANCE, enrolment("Old")).withId("old-1"));
        storeTheOldWay(stream, first, start);
        ids.add("old-1");
        for (int i = 1; i <= appends; i++) {
            List<NewEvent> batch = new ArrayList<>();
            for (var event : payments(PER_APPEND)) {
                String id = "old-" + (ids.size() + 1);
                ids.add(id);
                batch.add(codec.encode(Family.INSTANCE, event).withId(id));
            }
            storeTheOldWay(stream, batch, minute(i));
        }
        return ids;
    }

    private void storeTheOldWay(StreamId stream, List<NewEvent> events, Instant at) {
        long after = store.currentVersion(stream);
        BulkEvents.write(dynamo, tables.name("EventsTable"), stream, after, events, at);
        for (long version = after + 1; version <= after + events.size(); version++) {
            long v = version;
            dynamo.updateItem(update -> update.tableName(tables.name("EventsTable"))
                    .key(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(stream)),
                            EventItems.VERSION, AttributeValue.fromN(Long.toString(v))))
                    .updateExpression("REMOVE " + EventItems.TIME_VERSION));
        }
    }

    private NewEvent enrolmentWithId(String id) {
        return codec.encode(Family.INSTANCE, enrolment("Twin")).withId(id);
    }

    private Instant minute(int append) {
        return start.plus(Duration.ofMinutes(append));
    }

    private List<Map<String, AttributeValue>> everything() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String table : List.of("EventsTable", "EventIdsTable")) {
            dynamo.scanPaginator(scan -> scan.tableName(tables.name(table)).consistentRead(true)).items()
                    .forEach(items::add);
        }
        items.sort(java.util.Comparator.comparing(Object::toString));
        return items;
    }

    private static RebuildProgress awaitFinished(RebuildStore state, Rebuild backfill) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Optional<RebuildProgress> progress = state.progress(Backfills.NAME);
            if (progress.isPresent() && progress.get().finishedAt().isPresent()) {
                assertThat(progress.get().rebuildId()).isEqualTo(backfill.id());
                return progress.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the backfill did not finish: " + state.segments(backfill.id()).stream()
                .map(RebuildSegment::toString).toList());
    }
}
