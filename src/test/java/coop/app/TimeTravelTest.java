package coop.app;

import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.store.NewEvent;
import coop.store.StreamId;
import coop.store.dynamodb.EventItems;
import coop.testing.BulkEvents;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static coop.app.OnDemandSnapshotTest.enrolment;
import static coop.app.OnDemandSnapshotTest.family;
import static coop.app.OnDemandSnapshotTest.payments;
import static org.assertj.core.api.Assertions.assertThat;

/** A load as of an instant finds its version in one keyed read, then costs what a load by version costs. */
class TimeTravelTest extends AppTest {

    private static final int PER_APPEND = 70;
    private static final StreamId LONG = family("long");

    private final Instant start = Instant.parse("2024-09-01T09:00:00Z");

    @Test
    void a_load_as_of_an_instant_takes_at_most_three_requests_on_a_long_history() {
        int appends = 40;
        long head = history(appends);
        snapshotEvery(100, head);
        AggregateRepository loads = new AggregateRepository(store, codec, type -> 100, SnapshotWrites.NONE);

        for (int append : List.of(5, 21, 37)) {
            long version = 1 + append * (long) PER_APPEND;
            for (Instant instant : List.of(instantOfAppend(append), instantOfAppend(append).plusSeconds(30))) {
                requests.reset();
                Loaded<FamilyState> asOf = loads.load(Family.INSTANCE, LONG, new LoadTarget.AsOf(instant))
                        .orElseThrow();

                assertThat(requests.operations()).as("as of %s", instant).hasSizeLessThanOrEqualTo(3)
                        .containsOnly("Query");
                assertThat(asOf.version()).isEqualTo(version);
                assertThat(asOf.state()).isEqualTo(loads.load(Family.INSTANCE, LONG,
                        new LoadTarget.AtVersion(version)).orElseThrow().state());
            }
        }

        requests.reset();
        assertThat(loads.load(Family.INSTANCE, LONG, new LoadTarget.AsOf(start.minusSeconds(1)))).isEmpty();
        assertThat(requests.operations()).hasSizeLessThanOrEqualTo(2);

        requests.reset();
        Loaded<FamilyState> later = loads.load(Family.INSTANCE, LONG,
                new LoadTarget.AsOf(instantOfAppend(appends).plus(Duration.ofDays(365)))).orElseThrow();
        assertThat(later.version()).isEqualTo(head);
        assertThat(requests.operations()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void an_index_that_has_not_caught_up_yet_still_gives_the_exact_state() {
        long head = history(4);
        // The last append is not in the index yet, as may be the case for a few milliseconds in DynamoDB.
        for (long v = head - PER_APPEND + 1; v <= head; v++) {
            long version = v;
            dynamo.updateItem(update -> update.tableName(tables.name("EventsTable"))
                    .key(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(LONG)),
                            EventItems.VERSION, AttributeValue.fromN(Long.toString(version))))
                    .updateExpression("REMOVE " + EventItems.TIME_VERSION));
        }

        Loaded<FamilyState> now = repository.load(Family.INSTANCE, LONG, new LoadTarget.AsOf(instantOfAppend(4)))
                .orElseThrow();

        assertThat(now.version()).isEqualTo(head);
        assertThat(now.state()).isEqualTo(repository.load(Family.INSTANCE, LONG, LoadTarget.latest()).orElseThrow()
                .state());
    }

    /** An enrolment, then {@code appends} batches of 70 events, each batch at its own minute; returns the head. */
    private long history(int appends) {
        String events = tables.name("EventsTable");
        BulkEvents.write(dynamo, events, LONG, 0, List.of(codec.encode(Family.INSTANCE, enrolment("Long"))), start);
        for (int i = 1; i <= appends; i++) {
            List<NewEvent> batch = payments(PER_APPEND).stream()
                    .map(event -> codec.encode(Family.INSTANCE, event)).toList();
            BulkEvents.write(dynamo, events, LONG, 1 + (i - 1) * (long) PER_APPEND, batch, instantOfAppend(i));
        }
        return 1 + appends * (long) PER_APPEND;
    }

    /** Snapshots at every {@code every}-th version, as the stream leaves them. */
    private void snapshotEvery(int every, long head) {
        Optional<Loaded<FamilyState>> state = Optional.empty();
        var events = store.readStream(LONG, 0, head);
        for (int from = 0; from + every <= events.size(); from += every) {
            state = repository.fold(Family.INSTANCE, state, LONG.aggregateId(), events.subList(from, from + every));
            repository.saveSnapshot(Family.INSTANCE, LONG, state.orElseThrow());
        }
    }

    private Instant instantOfAppend(int append) {
        return start.plus(Duration.ofMinutes(append));
    }
}
