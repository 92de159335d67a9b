package coop.store;

import coop.app.AggregateTypes;
import coop.domain.family.Family;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.PersonalData;
import coop.store.dynamodb.StateRows;
import coop.testing.RawTables;
import coop.testing.TestKms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Personal fields are stored only sealed under their family's data key, which KMS (moto's real KMS API) generates
 * and wraps; every read path hands them back in clear.
 */
class PersonalDataAtRestTest extends StoreTest {

    /** A name found nowhere else, so any trace of it in a table is a leak. */
    private static final String NAME = "Zyxwandersnatch";
    private static final String CHILD = "Quillonbright";
    private static final StateRows FAMILY_ROWS = new StateRows("Family", Family.INSTANCE.personalStateFields());
    /** A summary row's state, as the projection stores it: snake_case, personal values at the declared paths. */
    private static final String SUMMARY_STATE = "{\"children\":[{\"age\":9,\"child_name\":\"" + CHILD
            + "\",\"grade\":4}],\"family_name\":\"" + NAME + "\",\"total_due\":120}";

    KmsClient kms;

    @BeforeEach
    void encryptingStore() {
        kms = TestKms.client(requests);
        store = storeWithCacheTtl(Duration.ofSeconds(60));
        requests.reset();
    }

    @AfterEach
    void closeKms() {
        kms.close();
    }

    private EventStore storeWithCacheTtl(Duration ttl) {
        return new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, personal(ttl));
    }

    private PersonalData personal() {
        return personal(Duration.ofSeconds(60));
    }

    private PersonalData personal(Duration ttl) {
        return new PersonalData(dynamo, tables.name("KeysTable"), new KmsDataKeys(kms, TestKms.KEY_ALIAS),
                new KeyCache(clock, ttl), new AggregateTypes(List.of(Family.INSTANCE)).personalFields(), clock);
    }

    private static NewEvent enrolled() {
        // The contact address carries the name too, so a trace of the address in a table is found as well.
        return NewEvent.of("FamilyEnrolled", 1, "{\"email\":\"pat@" + NAME + ".example.org\","
                + "\"enrollment_date\":\"2024-09-01\",\"family_name\":\"" + NAME + "\",\"parent_name\":\"Pat "
                + NAME + "\"}");
    }

    private static NewEvent child() {
        return NewEvent.of("ChildAdded", 1, "{\"age\":9,\"child_name\":\"" + CHILD + "\",\"grade\":4}");
    }

    private static NewEvent payment() {
        return NewEvent.of("PaymentReceived", 2,
                "{\"amount\":120.5,\"date\":\"2024-09-02\",\"payment_method\":\"check\"}");
    }

    @Test
    void personal_fields_are_stored_sealed_and_read_back_in_clear_on_every_path() {
        StreamId f1 = family("f1");
        EventMetadata metadata = by("staff-1");
        store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled(), child(), payment()), metadata);

        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(RawTables.find(dynamo, tables, CHILD)).isEmpty();
        List<RecordedEvent> read = store.readStream(f1, 0, Long.MAX_VALUE);
        assertThat(read.get(0).data()).isEqualTo(enrolled().data());
        assertThat(read.get(1).data()).isEqualTo(child().data());
        assertThat(read.get(2).data()).isEqualTo(payment().data());
        assertThat(store.readStream(f1, 0, 10, 1, Optional.empty()).events().getFirst().data()).contains(NAME);
        assertThat(store.findEvent(TENANT, read.get(1).eventId()).orElseThrow().data()).contains(CHILD);
        assertThat(store.findByCorrelation(TENANT, metadata.correlationId())).extracting(RecordedEvent::data)
                .containsExactly(enrolled().data(), child().data(), payment().data());
        assertThat(store.findByType(TENANT, "FamilyEnrolled", Instant.EPOCH, clock.instant().plusSeconds(60), 10,
                        Optional.empty())
                .events().getFirst().data()).contains(NAME);
        assertThat(store.readStreamAsOf(f1, 0, 3, clock.instant()).get(0).data()).contains(NAME);
    }

    @Test
    void values_other_than_personal_ones_stay_in_clear() {
        store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled(), payment()), by("staff-1"));

        List<String> stored = RawTables.items(dynamo, tables.name("EventsTable")).stream()
                .map(item -> item.get("event_data").s()).toList();
        assertThat(stored.get(0)).contains("\"enrollment_date\":\"2024-09-01\"").contains("\"family_name\":\"enc:v1:");
        assertThat(stored.get(1)).isEqualTo(payment().data());
    }

    @Test
    void a_snapshot_of_a_family_is_stored_sealed() {
        StreamId f1 = family("f1");
        store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
        String state = "{\"family_name\":\"" + NAME + "\"}";

        store.saveSnapshot(new Snapshot(f1, 1, 1, state, clock.instant()));

        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(store.latestSnapshot(f1, 1).orElseThrow().state()).isEqualTo(state);
    }

    @Test
    void a_family_summary_row_is_stored_sealed_but_keeps_its_listing_in_clear() {
        StreamId f1 = family("f1");
        store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
        ReadModelStore rows = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"), personal(),
                Map.of("family_summary", FAMILY_ROWS));
        // The row stores the state once (the summary is derived from it on read), each personal value sealed.
        ReadModelRow row = ReadModelRow.ofSource(TENANT, "family_summary", "f1", 1,
                Optional.of("payment_status#current"), clock.instant(),
                new ReadModelRow.RowSource(SUMMARY_STATE, 3));

        rows.putIfNewer(row);

        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(rows.find(TENANT, "family_summary", "f1")).contains(row);
        assertThat(rows.list(TENANT, "family_summary", "payment_status#current", 10, Optional.empty()).rows())
                .containsExactly(row);
    }

    @Test
    void a_family_summary_row_of_an_earlier_release_with_view_and_state_still_reads_sealed_or_not() {
        StreamId f1 = family("f1");
        store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
        ReadModelStore sealing = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"), personal(),
                Map.of("family_summary", FAMILY_ROWS));
        ReadModelStore clear = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"));
        ReadModelRow sealedRow = new ReadModelRow(TENANT, "family_summary", "f1", 1,
                Optional.of("{\"family_name\":\"" + NAME + "\"}"), Optional.of("payment_status#current"),
                clock.instant(), Optional.of(new ReadModelRow.RowSource(SUMMARY_STATE, 3)));
        ReadModelRow clearRow = new ReadModelRow(TENANT, "family_summary", "f2", 1,
                Optional.of("{\"family_name\":\"Old\"}"), Optional.of("payment_status#current"),
                clock.instant(), Optional.empty());

        sealing.putIfNewer(sealedRow);
        clear.putIfNewer(clearRow);

        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(sealing.find(TENANT, "family_summary", "f1")).contains(sealedRow);
        assertThat(sealing.find(TENANT, "family_summary", "f2")).contains(clearRow);
    }

    @Test
    void after_its_key_is_erased_every_read_of_the_family_answers_and_no_personal_value_can_be_added() {
        StreamId f1 = family("f1");
        // One key cache for the events and the rows, as in a function: the erasing function forgets at once.
        PersonalData shared = personal();
        EventStore erasing = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, shared);
        erasing.append(f1, ExpectedVersion.exactly(0), List.of(enrolled(), child(), payment()), by("staff-1"));
        erasing.saveSnapshot(new Snapshot(f1, 3, 3, "{\"family_name\":\"" + NAME + "\"}", clock.instant()));
        ReadModelStore rows = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"), shared,
                Map.of("family_summary", FAMILY_ROWS));
        rows.putIfNewer(ReadModelRow.ofSource(TENANT, "family_summary", "f1", 3,
                Optional.of("payment_status#current"), clock.instant(),
                new ReadModelRow.RowSource(SUMMARY_STATE, 3)));
        EventStore other = storeWithCacheTtl(Duration.ofSeconds(60));
        other.readStream(f1, 0, 3);

        AppendResult erased = erasing.appendErasure(f1, StreamHead.at(3),
                NewEvent.of("PersonalDataErased", 1, "{\"reason\":\"request\"}"), by("admin-1"));

        assertThat(erased.positions().getFirst().version()).isEqualTo(4);
        assertThat(erasing.findErasure(f1).orElseThrow().aggregateVersion()).isEqualTo(4);
        List<RecordedEvent> read = erasing.readStream(f1, 0, 10);
        assertThat(read.get(0).data())
                .contains("\"family_name\":null", "\"email\":null", "\"enrollment_date\":\"2024-09-01\"");
        assertThat(read.get(0).erasedFields()).containsExactly("family_name", "parent_name", "email");
        assertThat(read.get(1).erasedFields()).containsExactlyInAnyOrder("child_name", "age", "grade");
        assertThat(read.get(2).data()).isEqualTo(payment().data());
        assertThat(read.get(2).erasedFields()).isEmpty();
        assertThat(read.get(0).userId()).isEqualTo("staff-1");
        assertThat(erasing.latestSnapshot(f1, 3)).as("a sealed snapshot whose key is gone is no snapshot").isEmpty();
        ReadModelRow erasedRow = rows.find(TENANT, "family_summary", "f1").orElseThrow(
                () -> new AssertionError("the summary row reads before the stream rewrites it"));
        assertThat(erasedRow.source().orElseThrow().state()).isEqualTo(
                "{\"children\":[{\"age\":null,\"child_name\":null,\"grade\":null}],\"family_name\":null,"
                        + "\"total_due\":120}");
        assertThat(rows.list(TENANT, "family_summary", "payment_status#current", 10, Optional.empty()).rows())
                .as("the family stays listed").extracting(ReadModelRow::rowId).containsExactly("f1");
        assertThat(erasing.findEvent(TENANT, read.get(1).eventId()).orElseThrow().data()).doesNotContain(CHILD);
        assertThat(other.readStream(f1, 0, 3).get(0).data())
                .as("a warm store elsewhere reads until its cached key expires").contains(NAME);
        clock.advance(Duration.ofSeconds(60));
        assertThat(other.readStream(f1, 0, 3).get(0).data()).doesNotContain(NAME);
        assertThatThrownBy(() -> erasing.append(f1, ExpectedVersion.exactly(4), List.of(child()), by("staff-1")))
                .isInstanceOf(KeyErased.class);
        erasing.append(f1, ExpectedVersion.exactly(4), List.of(payment()), by("staff-1"));
        assertThat(erasing.currentVersion(f1)).isEqualTo(5);
        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(RawTables.find(dynamo, tables, CHILD)).isEmpty();
    }

    @Test
    void a_familys_first_event_adds_one_generate_data_key_and_its_key_item_rides_in_the_same_transaction() {
        store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));

        assertThat(requests.operations()).containsExactly("GenerateDataKey", "TransactWriteItems");
        assertThat(itemsIn("KeysTable")).isEqualTo(1);
    }

    @Test
    void an_append_to_a_family_whose_key_is_cached_costs_one_write() {
        StreamId f1 = family("f1");
        AppendResult enrolled = store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
        requests.reset();

        store.append(f1, new StreamHead(1, enrolled.chainHash()), List.of(child()), by("staff-1"));

        assertThat(requests.operations()).containsExactly("TransactWriteItems");
    }

    @Test
    void a_cold_key_adds_one_get_item_and_one_kms_decrypt() {
        StreamId f1 = family("f1");
        AppendResult enrolled = store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
        EventStore cold = storeWithCacheTtl(Duration.ofSeconds(60));
        requests.reset();

        cold.append(f1, new StreamHead(1, enrolled.chainHash()), List.of(child()), by("staff-1"));

        assertThat(requests.operations()).containsExactly("GetItem", "Decrypt", "TransactWriteItems");
        assertThat(cold.readStream(f1, 0, 2).get(1).data()).isEqualTo(child().data());
    }

    @Test
    void events_without_personal_values_ask_for_no_key() {
        StreamId f1 = family("f1");
        AppendResult enrolled = store.append(f1, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
        EventStore cold = storeWithCacheTtl(Duration.ofSeconds(60));
        requests.reset();

        cold.append(f1, new StreamHead(1, enrolled.chainHash()), List.of(payment()), by("staff-1"));

        assertThat(requests.operations()).containsExactly("TransactWriteItems");
    }

    @Test
    void a_retried_append_of_personal_data_is_recognised_as_stored() {
        StreamId f1 = family("f1");
        NewEvent withId = enrolled().withId("e-1");
        AppendResult first = store.append(f1, ExpectedVersion.exactly(0), List.of(withId), by("staff-1"));

        AppendResult retry = store.append(f1, ExpectedVersion.exactly(0), List.of(withId), by("staff-1"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).isEqualTo(first.positions());
        assertThat(itemsIn("EventsTable")).isEqualTo(1);
    }

    @Test
    void first_appends_racing_on_a_new_family_store_one_event_under_one_key() throws Exception {
        int writers = 4;
        for (int round = 0; round < 5; round++) {
            StreamId stream = family("race-" + round);
            CyclicBarrier start = new CyclicBarrier(writers);
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                EventStore own = storeWithCacheTtl(Duration.ofSeconds(60));
                Thread thread = new Thread(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                        own.append(stream, ExpectedVersion.exactly(0), List.of(enrolled()), by("staff-1"));
                        outcomes.add("stored");
                    } catch (ConcurrencyConflict lost) {
                        outcomes.add("conflict");
                    } catch (Exception e) {
                        outcomes.add("failed: " + e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }

            assertThat(outcomes).hasSize(writers).containsOnly("stored", "conflict");
            assertThat(outcomes.stream().filter("stored"::equals).count()).isEqualTo(1);
            assertThat(storeWithCacheTtl(Duration.ofSeconds(60)).readStream(stream, 0, 10))
                    .extracting(RecordedEvent::data).containsExactly(enrolled().data());
        }
        assertThat(itemsIn("KeysTable")).isEqualTo(5);
        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
    }
}
