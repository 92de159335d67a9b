package coop.stream;

import coop.ledger.DigestProofs;
import coop.ledger.MerkleTree;
import coop.ledger.StreamLeaf;
import coop.ledger.TenantHeads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;

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

    @Test
    void digests_taken_while_appends_and_batches_race_prove_every_stream_they_cover() throws Exception {
        List<String> families = List.of("chen", "martinez", "okafor");
        families.forEach(family -> enroll(family, family + " Family"));
        deliverAll();
        List<MerkleTree> digests = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        int rounds = 6;
        for (int round = 0; round < rounds; round++) {
            CyclicBarrier start = new CyclicBarrier(4);
            List<Thread> threads = new ArrayList<>();
            for (int appender = 0; appender < 2; appender++) {
                int first = appender + round;
                threads.add(racer(start, errors, () -> {
                    for (int i = 0; i < 3; i++) {
                        append(families.get((first + i) % 3), "EngagementScoreUpdated", Map.of("new_score", i));
                    }
                }));
            }
            threads.add(racer(start, errors, this::deliverAll));
            threads.add(racer(start, errors, () -> {
                for (int i = 0; i < 3; i++) {
                    digests.add(MerkleTree.of(new TenantHeads(readModels).of(TENANT)));
                }
            }));
            for (Thread thread : threads) {
                thread.join();
            }
        }
        deliverAll();

        assertThat(errors).isEmpty();
        assertThat(digests).hasSize(rounds * 3);
        int proven = 0;
        for (MerkleTree digest : digests) {
            assertThat(digest.leaves()).hasSize(3);
            for (StreamLeaf leaf : digest.leaves()) {
                var check = new DigestProofs(store).check(family(leaf.stream().substring("Family/".length())),
                        digest, digest.root());
                assertThat(check.verified()).as("%s in a digest", leaf).isTrue();
                proven++;
            }
        }
        assertThat(proven).isEqualTo(rounds * 9);
        assertThat(new TenantHeads(readModels).of(TENANT)).containsExactlyInAnyOrderElementsOf(
                families.stream().map(this::head).toList());
    }

    private static Thread racer(CyclicBarrier start, List<Throwable> errors, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                start.await();
                work.run();
            } catch (Throwable e) {
                errors.add(e);
            }
        });
        thread.start();
        return thread;
    }

    private StreamLeaf head(String familyId) {
        var chain = store.verifyChain(family(familyId));
        return StreamLeaf.of("Family", familyId, chain.aggregateVersion(), chain.head().orElseThrow());
    }
}
