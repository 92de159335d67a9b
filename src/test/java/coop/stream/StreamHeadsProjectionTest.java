package coop.stream;

import coop.ledger.DigestProofs;
import coop.ledger.MerkleTree;
import coop.ledger.StreamLeaf;
import coop.ledger.TenantHeads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream keeps every stream's head current, forward only, and a digest over the heads proves each stream. */
class StreamHeadsProjectionTest extends StreamTest {

    @Override
    List<Subscriber> subscribers() {
        return List.of(familySummary, new StreamHeadsProjection(readModels, true));
    }

    @Test
    void each_streams_head_follows_its_last_event_and_a_late_batch_never_rewinds_it() {
        enroll("chen", "Chen Family");
        enroll("martinez", "Martinez Family");
        var first = newRecords();
        assertThat(deliver(first)).isEmpty();
        append("chen", "EngagementScoreUpdated", Map.of("new_score", 10));
        append("chen", "EngagementScoreUpdated", Map.of("new_score", 20));
        assertThat(deliver(newRecords())).isEmpty();

        assertThat(deliver(first)).as("redelivered late").isEmpty();

        assertThat(new TenantHeads(readModels).of(TENANT)).containsExactlyInAnyOrder(
                head("chen"), head("martinez"));
        assertThat(head("chen").version()).isEqualTo(3);
    }

    @Test
    void a_digest_over_the_heads_proves_every_stream_of_the_tenant_and_no_other_tenants() {
        enroll("chen", "Chen Family");
        enroll("martinez", "Martinez Family");
        deliverAll();

        MerkleTree digest = MerkleTree.of(new TenantHeads(readModels).of(TENANT));

        assertThat(digest.leaves()).hasSize(2);
        assertThat(new TenantHeads(readModels).of("another-coop")).isEmpty();
        for (String family : List.of("chen", "martinez")) {
            assertThat(new DigestProofs(store).check(family(family), digest, digest.root()).verified()).isTrue();
        }
    }

    private StreamLeaf head(String familyId) {
        var chain = store.verifyChain(family(familyId));
        return StreamLeaf.of("Family", familyId, chain.aggregateVersion(), chain.head().orElseThrow());
    }
}
