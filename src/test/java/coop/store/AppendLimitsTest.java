package coop.store;

import org.junit.jupiter.api.Test;
import coop.store.dynamodb.EventItems;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendLimitsTest extends StoreTest {

    @Test
    void more_than_49_events_are_refused_before_any_request() {
        List<NewEvent> events = IntStream.range(0, EventStore.MAX_EVENTS_PER_APPEND + 1)
                .mapToObj(i -> event("Tick")).toList();

        assertThatThrownBy(() -> store.append(family("big"), ExpectedVersion.noStream(), events, by("sarah")))
                .isInstanceOf(AppendTooLarge.class)
                .hasMessageContaining("1 to 49 events, not 50");
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void exactly_49_events_land_in_one_transaction_with_their_ids_and_the_previous_version_check() {
        StreamId stream = family("full");
        AppendResult start = store.append(stream, ExpectedVersion.noStream(), List.of(event("Start")), by("sarah"));
        List<NewEvent> events = IntStream.range(0, 49).mapToObj(i -> event("Tick")).toList();

        requests.reset();
        // On a head whose hash the caller knows, as the application's appends are: no read.
        AppendResult result = store.append(stream, new StreamHead(1, start.chainHash()), events, by("sarah"));

        assertThat(requests.operations()).containsExactly("TransactWriteItems");
        assertThat(result.lastVersion()).isEqualTo(50);
        assertThat(store.readStream(stream, 0, Long.MAX_VALUE)).hasSize(50);
        assertThat(itemsIn("EventIdsTable")).isEqualTo(50);
    }

    @Test
    void an_event_over_the_item_limit_is_refused_before_any_request() {
        String huge = "{\"note\":\"" + "x".repeat(410 * 1024) + "\"}";
        List<NewEvent> events = List.of(event("Small"), NewEvent.of("Huge", 1, huge));

        assertThatThrownBy(() -> store.append(family("huge"), ExpectedVersion.noStream(), events, by("sarah")))
                .isInstanceOf(AppendTooLarge.class)
                .hasMessageContaining("event 2");
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void events_over_the_transaction_limit_together_are_refused_before_any_request() {
        String large = "{\"note\":\"" + "x".repeat(300 * 1024) + "\"}";
        List<NewEvent> events = IntStream.range(0, 14).mapToObj(i -> NewEvent.of("Large", 1, large)).toList();

        assertThatThrownBy(() -> store.append(family("large"), ExpectedVersion.noStream(), events, by("sarah")))
                .isInstanceOf(AppendTooLarge.class)
                .hasMessageContaining("together");
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void the_items_that_reserve_the_ids_count_towards_the_transaction_limit() {
        // Each event item takes about 85.4 KB: 49 of them fit 4 MB alone (by about 9 KB), but not with their 49
        // id items (about 230 bytes each); 48 of them fit with room to spare.
        String payload = "{\"note\":\"" + "x".repeat(85_027) + "\"}";
        List<NewEvent> events = IntStream.range(0, 49).mapToObj(i -> NewEvent.of("Large", 1, payload)).toList();

        assertThatThrownBy(() -> store.append(family("large"), ExpectedVersion.noStream(), events, by("sarah")))
                .isInstanceOf(AppendTooLarge.class)
                .hasMessageContaining("with the items that reserve their ids");
        assertThat(requests.operations()).isEmpty();

        store.append(family("large"), ExpectedVersion.noStream(), events.subList(0, 48), by("sarah"));
        assertThat(store.currentVersion(family("large"))).isEqualTo(48);
    }

    @Test
    void a_batch_with_one_taken_version_stores_nothing() {
        StreamId stream = family("race");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("Start")), by("sarah"));
        // Another writer's event already holds version 3, in the middle of the batch's versions 2..4.
        plantEventAt(stream, 3);

        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.exactly(1),
                List.of(event("A"), event("B"), event("C")), by("sarah")))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(versions(store.readStream(stream, 0, Long.MAX_VALUE))).containsExactly(1L, 3L);
        assertThat(itemsIn("EventIdsTable")).as("no id of the batch is reserved").isEqualTo(1);
    }

    /** Puts a lone event at {@code version} straight into the table, as a racing writer's would land. */
    private void plantEventAt(StreamId stream, long version) {
        RecordedEvent planted = new RecordedEvent("planted", "Other", 1, stream, version, "{}", clock.instant(),
                "racer", "c-racer", Optional.empty());
        dynamo.putItem(request -> request.tableName(tables.name("EventsTable")).item(EventItems.toItem(planted)));
    }
}
