package coop.app;

import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentReceived;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.Snapshot;
import coop.store.StreamId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads that had to replay more than the snapshot interval leave a snapshot, so the next load is flat. */
class OnDemandSnapshotTest extends AppTest {

    static final int EVERY = 50;

    final SnapshotWriteCounts counts = new SnapshotWriteCounts();
    AggregateRepository flat;

    @BeforeEach
    void flatRepository() {
        // Warm, as deployed: an append on a state this instance remembers does not load it.
        flat = new AggregateRepository(store, codec, type -> EVERY, counts, new WarmStates(100));
    }

    @Test
    void a_1201_event_family_loads_within_twice_an_11_event_one_before_any_stream_processing() {
        EventService api = new EventService(new AggregateTypes(List.of(Family.INSTANCE)), store, flat, codec);
        // A co-op imports a family's history through the API: 30 appends of 40 events after its enrolment.
        append(api, "big", ExpectedVersion.noStream(), List.of(enrolment("Big Family")));
        for (int batch = 0; batch < 30; batch++) {
            append(api, "big", ExpectedVersion.exactly(1 + batch * 40L), payments(40));
        }
        append(api, "small", ExpectedVersion.noStream(), List.of(enrolment("Small Family")));
        append(api, "small", ExpectedVersion.exactly(1), payments(10));
        // Warm appends, except one in two from the third batch on: a load of the state they left would replay more
        // than EVERY, so the append loads it, and that load leaves a snapshot. Cold, every append would load.
        long loads = requests.operations().stream().filter("Query"::equals).count() / 2;
        assertThat(loads).isEqualTo(2 + 14);
        assertThat(counts.written()).isEqualTo(14);

        // So the first read replays at most two batches and stores the head.
        requests.reset();
        Loaded<FamilyState> first = flat.load(Family.INSTANCE, family("big"), LoadTarget.latest()).orElseThrow();
        assertThat(first.version()).isEqualTo(1201);
        assertThat(requests.operations()).containsExactly("Query", "Query", "PutItem");
        assertThat(store.latestSnapshot(family("big"), Long.MAX_VALUE)).get().extracting(Snapshot::version)
                .isEqualTo(1201L);

        Cost big = cost("big");
        Cost small = cost("small");
        assertThat(big.requests()).isLessThanOrEqualTo(2 * small.requests());
        assertThat(big.items()).isLessThanOrEqualTo(2 * small.items());
        assertThat(big.bytes()).isLessThanOrEqualTo(2 * small.bytes());
        assertThat(small.requests()).isEqualTo(2);
    }

    @Test
    void a_load_that_replays_no_more_than_the_interval_writes_nothing() {
        store.append(family("short"), ExpectedVersion.noStream(), encode(enrolment("Short")), meta());
        store.append(family("short"), ExpectedVersion.exactly(1), encode(payments(EVERY - 1)), meta());

        requests.reset();
        flat.load(Family.INSTANCE, family("short"), LoadTarget.latest()).orElseThrow();

        assertThat(requests.operations()).containsExactly("Query", "Query");
        assertThat(counts.written()).isZero();
    }

    @Test
    void loads_racing_to_store_the_same_snapshot_store_it_once() throws Exception {
        StreamId stream = family("raced");
        store.append(stream, ExpectedVersion.noStream(), encode(enrolment("Raced")), meta());
        int loaders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(loaders);
        try {
            for (int round = 0; round < 5; round++) {
                long head = 1 + round * 60L;
                // 60 events, in two appends: one append carries at most EventStore.MAX_EVENTS_PER_APPEND.
                store.append(stream, ExpectedVersion.exactly(head), encode(payments(30)), meta());
                store.append(stream, ExpectedVersion.exactly(head + 30), encode(payments(30)), meta());
                long writtenBefore = counts.written();
                CyclicBarrier together = new CyclicBarrier(loaders);
                List<Future<Long>> loads = new ArrayList<>();
                for (int i = 0; i < loaders; i++) {
                    loads.add(pool.submit(() -> {
                        together.await();
                        return flat.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow().version();
                    }));
                }
                for (Future<Long> load : loads) {
                    assertThat(load.get(60, TimeUnit.SECONDS)).isEqualTo(head + 60);
                }
                assertThat(counts.written() - writtenBefore).as("round %d", round).isEqualTo(1);
                assertThat(store.latestSnapshot(stream, Long.MAX_VALUE)).get().extracting(Snapshot::version)
                        .isEqualTo(head + 60);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counts.failed()).isZero();
    }

    record Cost(int requests, long items, long bytes) {
    }

    private Cost cost(String familyId) {
        requests.reset();
        flat.load(Family.INSTANCE, family(familyId), LoadTarget.latest()).orElseThrow();
        return new Cost(requests.operations().size(), requests.itemsRead(), requests.bytesRead());
    }

    static StreamId family(String id) {
        return new StreamId(TENANT, Family.NAME, id);
    }

    static FamilyEvent enrolment(String name) {
        return new FamilyEnrolled(name, LocalDate.of(2024, 9, 1), "Parent", 1);
    }

    /** Dues and the payments that settle them, alternating. */
    static List<FamilyEvent> payments(int count) {
        List<FamilyEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = LocalDate.of(2024, 10, 1).plusDays(i % 300);
            events.add(i % 2 == 0 ? new PaymentDue(new BigDecimal("100"), day)
                    : new PaymentReceived(new BigDecimal("100"), day, "card"));
        }
        return events;
    }

    List<NewEvent> encode(FamilyEvent... events) {
        return encode(List.of(events));
    }

    List<NewEvent> encode(List<FamilyEvent> events) {
        return events.stream().map(event -> codec.encode(Family.INSTANCE, event)).toList();
    }

    static EventMetadata meta() {
        return EventMetadata.of("importer", "import");
    }

    private void append(EventService api, String familyId, ExpectedVersion expected, List<FamilyEvent> events) {
        List<ProposedEvent> proposed = events.stream().map(event -> codec.propose(Family.INSTANCE, event,
                Optional.empty())).toList();
        api.append(new AppendRequest(TENANT, Family.NAME, familyId, expected, proposed, "importer",
                Optional.empty(), Optional.empty()));
    }
}
