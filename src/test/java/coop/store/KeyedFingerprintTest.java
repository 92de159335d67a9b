package coop.store;

import coop.app.AggregateTypes;
import coop.domain.family.Family;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.PersonalData;
import coop.testing.RawTables;
import coop.testing.TestKms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event-ids table keeps a fingerprint of each event to tell a retry from a reused id. For an event with personal
 * values it is keyed by the family's data key, so trying every age and grade against it gives nothing away, before
 * or after an erasure; retries are still recognised and other payloads still refused.
 */
class KeyedFingerprintTest extends StoreTest {

    private KmsClient kms;

    @BeforeEach
    void encryptingStore() {
        kms = TestKms.client();
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, new PersonalData(dynamo,
                tables.name("KeysTable"), new KmsDataKeys(kms, TestKms.KEY_ALIAS), new KeyCache(clock, Duration.ZERO),
                new AggregateTypes(List.of(Family.INSTANCE)).personalFields(), clock));
    }

    @AfterEach
    void closeKms() {
        kms.close();
    }

    private static NewEvent child(int age) {
        return NewEvent.of("ChildAdded", 1, "{\"age\":" + age + ",\"child_name\":\"Ada\",\"grade\":4}").withId("c-1");
    }

    private static NewEvent enrolled() {
        return NewEvent.of("FamilyEnrolled", 1, "{\"enrollment_date\":\"2024-09-01\",\"family_name\":\"Lovelace\"}")
                .withId("e-1");
    }

    @Test
    void a_retry_with_the_same_personal_payload_is_recognised_and_another_payload_conflicts() {
        AppendResult first = store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled(), child(9)),
                by("staff-1"));

        AppendResult retried = store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled(), child(9)),
                by("staff-1"));

        assertThat(retried.duplicate()).isTrue();
        assertThat(retried.positions()).isEqualTo(first.positions());
        assertThat(store.findStored(family("f1"), List.of(enrolled(), child(9)))).get()
                .satisfies(found -> assertThat(found.positions()).isEqualTo(first.positions()));
        assertThatThrownBy(() -> store.append(family("f1"), ExpectedVersion.exactly(0),
                List.of(enrolled(), child(10)), by("staff-1")))
                .isInstanceOf(EventIdConflict.class).hasMessageContaining("another type, schema version or payload");
        assertThatThrownBy(() -> store.findStored(family("f1"), List.of(enrolled(), child(10))))
                .isInstanceOf(EventIdConflict.class);
        assertThat(store.currentVersion(family("f1"))).isEqualTo(2);
    }

    @Test
    void no_guessed_age_matches_a_stored_fingerprint_before_or_after_the_erasure() {
        store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled(), child(9)), by("staff-1"));
        List<String> guesses = IntStream.rangeClosed(0, 120).mapToObj(age -> plainHash(child(age))).toList();
        assertThat(guesses).as("the plain hash would give the age away").contains(plainHash(child(9)));

        assertThat(fingerprints()).hasSize(2).noneMatch(guesses::contains)
                .allSatisfy(fingerprint -> assertThat(fingerprint).startsWith("hmac:"));

        store.appendErasure(family("f1"), StreamHead.at(2),
                NewEvent.of("PersonalDataErased", 1, "{\"reason\":\"request\"}"), by("admin-1"));

        assertThat(fingerprints()).noneMatch(guesses::contains);
        assertThat(RawTables.find(dynamo, tables, "Lovelace")).isEmpty();
        assertThatThrownBy(() -> store.append(family("f1"), ExpectedVersion.exactly(2), List.of(child(9)),
                by("staff-1"))).as("no retry of personal data once erased").isInstanceOf(KeyErased.class);
    }

    @Test
    void events_without_personal_values_keep_a_plain_fingerprint() {
        NewEvent payment = NewEvent.of("PaymentReceived", 2,
                "{\"amount\":120.5,\"date\":\"2024-09-02\",\"payment_method\":\"check\"}").withId("p-1");
        store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled(), payment), by("staff-1"));

        assertThat(fingerprints()).contains(plainHash(payment));
        assertThat(store.append(family("f1"), ExpectedVersion.exactly(0), List.of(enrolled(), payment),
                by("staff-1")).duplicate()).isTrue();
    }

    @Test
    void a_retry_of_an_append_an_earlier_release_fingerprinted_plainly_is_still_recognised() {
        EventStore earlierRelease = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock);
        AppendResult first = earlierRelease.append(family("f1"), ExpectedVersion.exactly(0),
                List.of(enrolled(), child(9)), by("staff-1"));
        assertThat(fingerprints()).contains(plainHash(child(9)));

        assertThat(store.findStored(family("f1"), List.of(enrolled(), child(9)))).get()
                .satisfies(found -> assertThat(found.positions()).isEqualTo(first.positions()));
        assertThatThrownBy(() -> store.findStored(family("f1"), List.of(enrolled(), child(10))))
                .isInstanceOf(EventIdConflict.class);
    }

    private List<String> fingerprints() {
        return RawTables.items(dynamo, tables.name("EventIdsTable")).stream()
                .map(item -> item.get("fingerprint").s()).toList();
    }

    /** What the id items held before fingerprints were keyed: SHA-256 of type, schema version and payload. */
    private static String plainHash(NewEvent event) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (event.eventType() + "\n" + event.eventVersion() + "\n" + event.data())
                            .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
