package coop.store;

import coop.store.dynamodb.EventChain;
import coop.store.dynamodb.EventItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventChainTest extends StoreTest {

    @Test
    void every_event_stores_the_hash_of_its_stored_form_chained_on_its_predecessor() {
        StreamId stream = family("martinez");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")), by("sarah"));
        store.append(stream, ExpectedVersion.exactly(1), List.of(event("PaymentDue", "e2"), event("PaymentReceived",
                "e3"), event("ChildAdded", "e4")), by("maria"));

        List<RecordedEvent> stored = rawStream(stream);

        assertThat(stored).hasSize(4).allSatisfy(event -> assertThat(event.chainHash()).isPresent());
        String previous = EventChain.GENESIS;
        for (RecordedEvent event : stored) {
            assertThat(event.chainHash()).contains(EventChain.next(previous, event));
            previous = event.chainHash().orElseThrow();
        }
        assertThat(store.readStream(stream, 0, 4).getLast().chainHash()).isEqualTo(stored.getLast().chainHash());
    }

    @Test
    void the_canonical_form_is_sorted_compact_json_with_everything_outside_printable_ascii_escaped() {
        RecordedEvent event = new RecordedEvent("e1", "ChildAdded", 2, family("zoe"), 7,
                "{\"name\":\"Zoë \\\"Z\\\"\",\"note\":\"a\\nb\"}", Instant.parse("2024-09-01T09:00:00Z"), "sarah",
                "c1", Optional.empty());

        assertThat(EventChain.canonical(EventChain.GENESIS, event)).isEqualTo("{"
                + "\"aggregate_id\":\"zoe\",\"aggregate_type\":\"Family\",\"causation_id\":null,"
                + "\"correlation_id\":\"c1\","
                + "\"event_data\":\"{\\\"name\\\":\\\"Zo\\u00eb \\\\\\\"Z\\\\\\\"\\\",\\\"note\\\":\\\"a\\\\nb\\\"}\","
                + "\"event_id\":\"e1\",\"event_timestamp\":\"2024-09-01T09:00:00.000000Z\",\"event_type\":\"ChildAdded\","
                + "\"event_version\":2,\"previous_chain_hash\":\"" + EventChain.GENESIS + "\","
                + "\"tenant_id\":\"coop-north\",\"user_id\":\"sarah\",\"version\":7}");
        // Computed once with Python's hashlib over the same text (docs/ledger.md): the form may never change.
        assertThat(EventChain.next(EventChain.GENESIS, event))
                .isEqualTo("21abf7e132d10404a193656510c5d8a2469173e754056da8062e9f540618bce1");
    }

    @Test
    void an_append_on_a_known_head_sends_one_request_and_one_on_an_unknown_head_reads_it_first() {
        StreamId stream = family("chen");
        AppendResult first = store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")),
                by("sarah"));
        assertThat(first.chainHash()).isPresent();

        requests.reset();
        AppendResult second = store.append(stream, new StreamHead(1, first.chainHash()), List.of(event("PaymentDue")),
                by("sarah"));
        assertThat(requests.operations()).containsExactly("TransactWriteItems");

        requests.reset();
        store.append(stream, StreamHead.at(2), List.of(event("PaymentDue")), by("sarah"));
        assertThat(requests.operations()).containsExactly("GetItem", "TransactWriteItems");
        assertThat(rawStream(stream).get(1).chainHash()).isEqualTo(second.chainHash());
    }

    @Test
    void an_append_on_a_head_hash_that_is_not_the_stored_one_is_refused_and_stores_nothing() {
        StreamId stream = family("okafor");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")), by("sarah"));

        assertThatThrownBy(() -> store.append(stream, new StreamHead(1, Optional.of("ab".repeat(32))),
                List.of(event("PaymentDue")), by("sarah"))).isInstanceOf(ConcurrencyConflict.class);

        assertThat(itemsIn("EventsTable")).isEqualTo(1);
        assertThat(itemsIn("EventIdsTable")).isEqualTo(1);
    }

    @Test
    void events_after_an_event_written_before_chains_stay_unchained_until_the_backfill() {
        StreamId stream = family("nguyen");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")), by("sarah"));
        unchain(stream, 1);

        store.append(stream, ExpectedVersion.exactly(1), List.of(event("PaymentDue")), by("sarah"));

        assertThat(rawStream(stream)).extracting(RecordedEvent::chainHash)
                .containsExactly(Optional.empty(), Optional.empty());
    }

    @Test
    void a_snapshot_keeps_the_chain_hash_of_its_event() {
        StreamId stream = family("patel");
        AppendResult appended = store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")),
                by("sarah"));
        store.saveSnapshot(new Snapshot(stream, 1, 1, "{}", clock.instant(), appended.chainHash()));

        assertThat(store.latestSnapshot(stream, 1).orElseThrow().chainHash()).isEqualTo(appended.chainHash());
    }

    private List<RecordedEvent> rawStream(StreamId stream) {
        return dynamo.query(request -> request.tableName(tables.name("EventsTable")).consistentRead(true)
                        .keyConditionExpression("stream_id = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(EventItems.streamKey(stream)))))
                .items().stream().map(EventItems::fromItem).toList();
    }

    /** What an event item written before this release looks like: no chain hash. */
    private void unchain(StreamId stream, long version) {
        dynamo.updateItem(request -> request.tableName(tables.name("EventsTable"))
                .key(Map.of("stream_id", AttributeValue.fromS(EventItems.streamKey(stream)),
                        "version", AttributeValue.fromN(Long.toString(version))))
                .updateExpression("REMOVE chain_hash"));
    }
}
