package coop.app;

import coop.domain.family.ChildAdded;
import coop.domain.family.Family;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.Snapshot;
import coop.store.StreamId;
import coop.testing.BulkEvents;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static coop.app.OnDemandSnapshotTest.enrolment;
import static coop.app.OnDemandSnapshotTest.family;
import static coop.app.OnDemandSnapshotTest.meta;
import static coop.app.OnDemandSnapshotTest.payments;
import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots stay small however long the history, and one that cannot be stored is logged and counted. */
class SnapshotSizeTest extends AppTest {

    final SnapshotWriteCounts counts = new SnapshotWriteCounts();
    AggregateRepository flat;

    @BeforeEach
    void flatRepository() {
        flat = new AggregateRepository(store, codec, type -> OnDemandSnapshotTest.EVERY, counts);
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
        assertThat(snapshot.state().length()).isLessThan(4_000);
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
        for (int batch = 0; batch < 6; batch++) {
            List<FamilyEvent> children = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                children.add(new ChildAdded(longName + batch + "-" + i, 8, 3));
            }
            store.append(stream, ExpectedVersion.exactly(1 + batch * 35L), encode(children), meta());
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

    private List<NewEvent> encode(FamilyEvent... events) {
        return encode(List.of(events));
    }

    private List<NewEvent> encode(List<FamilyEvent> events) {
        return events.stream().map(event -> codec.encode(Family.INSTANCE, event)).toList();
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
