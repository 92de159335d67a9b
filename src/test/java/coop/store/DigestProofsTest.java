package coop.store;

import coop.ledger.DigestCheck;
import coop.ledger.DigestProofs;
import coop.ledger.MerkleTree;
import coop.ledger.StreamLeaf;
import coop.store.dynamodb.EventChain;
import coop.store.dynamodb.EventItems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream checked against a digest taken earlier: what an insider with write access to the events table does
 * (raw SDK writes) is caught, even where the plain chain walk is fooled; honest appends after the digest are not.
 */
class DigestProofsTest extends StoreTest {

    private final StreamId martinez = family("martinez");
    private final StreamId chen = family("chen");
    private MerkleTree digest;
    private DigestProofs proofs;

    @BeforeEach
    void digestOfTwoFamilies() {
        AppendResult martinezHead = store.append(martinez, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled"),
                event("ChildAdded"), event("PaymentDue"), event("PaymentOverdue"), event("PaymentReceived")),
                by("sarah"));
        AppendResult chenHead = store.append(chen, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")),
                by("sarah"));
        digest = MerkleTree.of(List.of(leaf(martinez, martinezHead), leaf(chen, chenHead)));
        proofs = new DigestProofs(store);
    }

    @Test
    void an_untouched_stream_verifies_with_a_proof_that_reaches_the_digest() {
        DigestCheck check = proofs.check(martinez, digest, digest.root());

        assertThat(check.covered()).isTrue();
        assertThat(check.verified()).isTrue();
        assertThat(check.problem()).isEmpty();
        assertThat(check.proof().orElseThrow().checks()).isTrue();
        assertThat(check.proof().orElseThrow().leaf().version()).isEqualTo(5);
    }

    @Test
    void a_stream_appended_after_the_digest_verifies_as_an_extension_of_the_recorded_head() {
        store.append(martinez, ExpectedVersion.exactly(5), List.of(event("PaymentDue")), by("sarah"));

        assertThat(proofs.check(martinez, digest, digest.root()).verified()).isTrue();
    }

    @Test
    void deleting_the_last_event_and_letting_the_system_append_another_in_its_place_is_caught() {
        dynamo.deleteItem(request -> request.tableName(table()).key(key(martinez, 5)));
        store.append(martinez, ExpectedVersion.exactly(4), List.of(event("PaymentWaived")), by("mallory"));
        assertThat(store.verifyChain(martinez).verified()).as("the chain alone is fooled").isTrue();

        DigestCheck check = proofs.check(martinez, digest, digest.root());

        assertThat(check.verified()).isFalse();
        assertThat(check.problem()).contains(DigestCheck.HEAD_REWRITTEN);
    }

    @Test
    void a_forged_chain_with_recomputed_hashes_is_caught_against_a_digest_taken_before() {
        String previous = item(martinez, 2).get(EventItems.CHAIN_HASH).s();
        for (long version = 3; version <= 5; version++) {
            Map<String, AttributeValue> forged = item(martinez, version);
            if (version == 3) {
                forged.put(EventItems.EVENT_DATA, AttributeValue.fromS("{\"n\":1000}"));
            }
            previous = EventChain.next(previous, EventItems.fromItem(forged));
            forged.put(EventItems.CHAIN_HASH, AttributeValue.fromS(previous));
            put(forged);
        }
        assertThat(store.verifyChain(martinez).verified()).as("the chain alone is fooled").isTrue();

        assertThat(proofs.check(martinez, digest, digest.root()).problem()).contains(DigestCheck.HEAD_REWRITTEN);
    }

    @Test
    void a_stream_cut_below_the_recorded_version_is_caught() {
        dynamo.deleteItem(request -> request.tableName(table()).key(key(martinez, 5)));

        assertThat(proofs.check(martinez, digest, digest.root()).problem()).contains(DigestCheck.VERSION_MISSING);
    }

    @Test
    void a_changed_event_that_keeps_its_old_hash_is_caught_by_the_chain_walk() {
        Map<String, AttributeValue> changed = item(chen, 1);
        changed.put(EventItems.EVENT_DATA, AttributeValue.fromS("{\"n\":7}"));
        put(changed);

        assertThat(proofs.check(chen, digest, digest.root()).problem()).contains(DigestCheck.CHAIN_BROKEN);
    }

    @Test
    void a_stream_the_digest_never_covered_is_reported_as_not_covered_never_as_verified() {
        StreamId newcomer = family("newcomer");
        store.append(newcomer, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")), by("sarah"));

        DigestCheck check = proofs.check(newcomer, digest, digest.root());

        assertThat(check.covered()).isFalse();
        assertThat(check.verified()).isFalse();
        assertThat(check.proof()).isEmpty();
        assertThat(check.problem()).contains(DigestCheck.NOT_COVERED);
    }

    @Test
    void a_proof_that_does_not_reach_the_digest_kept_out_of_reach_is_refused() {
        assertThat(proofs.check(chen, digest, EventChain.GENESIS).problem())
                .isEqualTo(Optional.of(DigestCheck.PROOF_INVALID));
    }

    private static StreamLeaf leaf(StreamId stream, AppendResult head) {
        return StreamLeaf.of(stream.aggregateType(), stream.aggregateId(), head.lastVersion(),
                head.chainHash().orElseThrow());
    }

    private Map<String, AttributeValue> item(StreamId stream, long version) {
        return new HashMap<>(dynamo.getItem(request -> request.tableName(table()).key(key(stream, version))
                .consistentRead(true)).item());
    }

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(request -> request.tableName(table()).item(item));
    }

    private static Map<String, AttributeValue> key(StreamId stream, long version) {
        return Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(stream)),
                EventItems.VERSION, AttributeValue.fromN(Long.toString(version)));
    }

    private String table() {
        return tables.name("EventsTable");
    }
}
