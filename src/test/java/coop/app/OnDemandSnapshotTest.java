package coop.app;

import coop.domain.family.ChildAdded;
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
import coop.testing.BulkEvents;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads that had to replay more than the snapshot interval leave a snapshot, so the next load is flat. */
class OnDemandSnapshotTest extends AppTest {

    static final int EVERY = 50;

    final SnapshotWriteCounts counts = new SnapshotWriteCounts();
    AggregateRepository flat;

    @BeforeEach
    void flatRepository() {
        flat = new AggregateRepository(store, codec, type -> EVERY, counts);
    }

    @Test
    void a_1201_event_family_loads_within_twice_an_11_event_one_before_any_stream_processing() {
        EventService api = new EventService(new AggregateTypes(List.of(Family.INSTANCE)), store, flat, codec);
        // A co-op imports a family's history through the API: 12 appends of 100 events after its enrolment.
        append(api, "big", ExpectedVersion.noStream(), List.of(enrolment("Big Family")));
        for (int batch = 0; batch < 12; batch++) {
            append(api, "big", ExpectedVersion.exactly(1 + batch * 100L), payments(100));
        }
        append(api, "small", ExpectedVersion.noStream(), List.of(enrolment("Small Family")));
        append(api, "small", ExpectedVersion.exactly(1), payments(10));

        // Each append's own load left a snapshot, so the first read replays one batch and stores the head.
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
    void a_20000_event_family_snapshots_and_loads_in_two_requests() {
        StreamId stream = family("long");
        List<FamilyEvent> history = new ArrayList<>(List.of(enrolment("Long Family")));
        history.addAll(payments(20_000));
        BulkEvents.write(dynamo, tables.name("EventsTable"), stream, 0, encode(history), clock.instant());

        FamilyState replayed = flat.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow().state();
        Snapshot snapshot = store.latestSnapshot(stream, Long.MAX_VALUE).orElseThrow();
        requests.reset();
        Loaded<FamilyState> loaded = flat.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow();

        assertThat(snapshot.version()).isEqualTo(20_001);
        assertThat(snapshot.state().length()).isLessThan(8_000);
        assertThat(requests.operations()).containsExactly("Query", "Query");
        assertThat(loaded.state()).isEqualTo(replayed);
        assertThat(loaded.state().paymentCount()).isEqualTo(10_000);
        assertThat(loaded.state().totalReceived()).isEqualByComparingTo(new BigDecimal("1000000"));
        assertThat(loaded.state().payments()).hasSize(FamilyState.RECENT_PAYMENTS);
    }

    @Test
    void a_snapshot_too_large_for_an_item_is_logged_and_counted_and_the_load_still_answers() {
        StreamId stream = family("many-children");
        store.append(stream, ExpectedVersion.noStream(), encode(enrolment("Many Children")), meta());
        String longName = "n".repeat(2_000);
        for (int batch = 0; batch < 3; batch++) {
            List<FamilyEvent> children = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                children.add(new ChildAdded(longName + batch + "-" + i, 8, 3));
            }
            store.append(stream, ExpectedVersion.exactly(1 + batch * 70L), encode(children), meta());
        }
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = warningsTo(warnings);
        Logger logger = Logger.getLogger(AggregateRepository.class.getName());
        logger.addHandler(capture);
        try {
            requests.reset();
            Loaded<FamilyState> loaded = flat.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow();

            assertThat(loaded.state().children()).hasSize(210);
            assertThat(requests.operations()).doesNotContain("PutItem");
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(store.latestSnapshot(stream, Long.MAX_VALUE)).isEmpty();
        assertThat(warnings).singleElement().asString()
                .contains(stream.toString(), "version 211", "bytes of state", "item limit");
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

    private static Handler warningsTo(List<String> warnings) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
