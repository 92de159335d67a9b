package coop.store;

import coop.store.dynamodb.EventChain;
import coop.store.dynamodb.EventItems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampering with stored event items (raw SDK writes, as an insider would) is found where the chain first breaks. */
class ChainVerificationTest extends StoreTest {

    private final StreamId stream = family("martinez");
    private String head;

    @BeforeEach
    void fiveEvents() {
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled"), event("ChildAdded")),
                by("sarah"));
        head = store.append(stream, ExpectedVersion.exactly(2), List.of(event("PaymentDue"), event("PaymentOverdue"),
                event("PaymentReceived")), by("maria")).chainHash().orElseThrow();
        requests.reset();
    }

    @Test
    void an_untouched_stream_verifies_from_one_read_of_it() {
        ChainVerification verification = store.verifyChain(stream);

        assertThat(verification.verified()).isTrue();
        assertThat(verification.aggregateVersion()).isEqualTo(5);
        assertThat(verification.head()).contains(head);
        assertThat(verification.problem()).isEmpty();
        assertThat(requests.operations()).containsExactly("Query");
    }

    @Test
    void a_changed_field_is_caught_at_its_version() {
        Map<String, AttributeValue> item = item(3);
        item.put(EventItems.EVENT_DATA, AttributeValue.fromS("{\"n\":2}"));
        put(item);

        assertBroken(3, ChainVerification.HASH_MISMATCH);
    }

    @Test
    void two_swapped_items_are_caught_at_the_first_of_them() {
        Map<String, AttributeValue> second = item(2);
        Map<String, AttributeValue> third = item(3);
        second.put(EventItems.VERSION, AttributeValue.fromN("3"));
        third.put(EventItems.VERSION, AttributeValue.fromN("2"));
        put(second);
        put(third);

        assertBroken(2, ChainVerification.HASH_MISMATCH);
    }

    @Test
    void a_deleted_item_is_caught_at_its_version() {
        dynamo.deleteItem(request -> request.tableName(table()).key(key(3)));

        ChainVerification verification = assertBroken(3, ChainVerification.MISSING_VERSION);
        assertThat(verification.aggregateVersion()).isEqualTo(5);
    }

    @Test
    void a_forged_item_whose_hash_does_not_follow_its_predecessor_is_caught_at_its_version() {
        Map<String, AttributeValue> forged = item(4);
        forged.put(EventItems.EVENT_DATA, AttributeValue.fromS("{\"n\":1000}"));
        // Chained as if it were the first event: a hash that is right for its content, wrong for its place.
        forged.put(EventItems.CHAIN_HASH, AttributeValue.fromS(EventChain.next(EventChain.GENESIS,
                EventItems.fromItem(forged))));
        put(forged);

        assertBroken(4, ChainVerification.HASH_MISMATCH);
    }

    @Test
    void a_forged_item_chained_on_its_true_predecessor_breaks_the_link_to_the_next_version() {
        Map<String, AttributeValue> forged = item(3);
        forged.put(EventItems.EVENT_DATA, AttributeValue.fromS("{\"n\":1000}"));
        String predecessor = item(2).get(EventItems.CHAIN_HASH).s();
        forged.put(EventItems.CHAIN_HASH, AttributeValue.fromS(EventChain.next(predecessor,
                EventItems.fromItem(forged))));
        put(forged);

        assertBroken(4, ChainVerification.HASH_MISMATCH);
    }

    @Test
    void a_stream_written_before_chains_is_never_reported_verified() {
        for (long version = 1; version <= 5; version++) {
            Map<String, AttributeValue> item = item(version);
            item.remove(EventItems.CHAIN_HASH);
            put(item);
        }

        ChainVerification verification = assertBroken(1, ChainVerification.NOT_CHAINED);
        assertThat(verification.head()).isEmpty();
    }

    @Test
    void a_stream_with_no_event_reads_as_version_zero() {
        assertThat(store.verifyChain(family("nobody")).aggregateVersion()).isZero();
    }

    private ChainVerification assertBroken(long version, String problem) {
        ChainVerification verification = store.verifyChain(stream);
        assertThat(verification.verified()).isFalse();
        assertThat(verification.firstBadVersion()).isEqualTo(OptionalLong.of(version));
        assertThat(verification.problem()).isEqualTo(Optional.of(problem));
        return verification;
    }

    private Map<String, AttributeValue> item(long version) {
        return new HashMap<>(dynamo.getItem(request -> request.tableName(table()).key(key(version))
                .consistentRead(true)).item());
    }

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(request -> request.tableName(table()).item(item));
    }

    private Map<String, AttributeValue> key(long version) {
        return Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(stream)),
                EventItems.VERSION, AttributeValue.fromN(Long.toString(version)));
    }

    private String table() {
        return tables.name("EventsTable");
    }
}
