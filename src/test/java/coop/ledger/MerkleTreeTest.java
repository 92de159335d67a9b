package coop.ledger;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest's tree: every covered head has a proof that reaches the root; nothing else does. */
class MerkleTreeTest {

    @Test
    void every_leaf_of_trees_of_every_shape_has_a_proof_that_reaches_the_root() {
        for (int size = 1; size <= 33; size++) {
            MerkleTree tree = MerkleTree.of(heads(size));
            for (StreamLeaf leaf : tree.leaves()) {
                MerkleProof proof = tree.proofFor(leaf.stream()).orElseThrow();
                assertThat(proof.checks()).as("leaf %s of %d", leaf.stream(), size).isTrue();
                assertThat(proof.root()).isEqualTo(tree.root());
            }
        }
    }

    @Test
    void the_root_does_not_depend_on_the_order_the_heads_are_read_in() {
        List<StreamLeaf> heads = new ArrayList<>(heads(9));
        String root = MerkleTree.of(heads).root();
        java.util.Collections.reverse(heads);

        assertThat(MerkleTree.of(heads).root()).isEqualTo(root);
    }

    @Test
    void a_leaf_with_another_version_or_hash_does_not_reach_the_root() {
        MerkleTree tree = MerkleTree.of(heads(7));
        MerkleProof proof = tree.proofFor("family/f3").orElseThrow();

        MerkleProof olderVersion = new MerkleProof(new StreamLeaf("family/f3", 2, proof.leaf().chainHash()),
                proof.steps(), proof.root());
        MerkleProof otherHash = new MerkleProof(new StreamLeaf("family/f3", 3, hash('e')), proof.steps(),
                proof.root());

        assertThat(olderVersion.checks()).isFalse();
        assertThat(otherHash.checks()).isFalse();
    }

    @Test
    void duplicating_the_odd_last_leaf_changes_the_root() {
        List<StreamLeaf> three = heads(3);

        String promoted = MerkleTree.of(three).root();
        String duplicatedByHand = MerkleHashes.node(
                MerkleHashes.node(MerkleHashes.leaf(three.get(0)), MerkleHashes.leaf(three.get(1))),
                MerkleHashes.node(MerkleHashes.leaf(three.get(2)), MerkleHashes.leaf(three.get(2))));

        assertThat(promoted).isNotEqualTo(duplicatedByHand)
                .isEqualTo(MerkleHashes.node(
                        MerkleHashes.node(MerkleHashes.leaf(three.get(0)), MerkleHashes.leaf(three.get(1))),
                        MerkleHashes.leaf(three.get(2))));
    }

    @Test
    void a_stream_the_tree_does_not_hold_has_no_proof() {
        assertThat(MerkleTree.of(heads(4)).proofFor("family/newcomer")).isEmpty();
        assertThat(MerkleTree.of(List.of()).proofFor("family/f0")).isEmpty();
        assertThat(MerkleTree.of(List.of()).root())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void the_auditors_script_recomputes_the_root_from_a_proof_and_refuses_a_wrong_one() throws Exception {
        MerkleTree tree = MerkleTree.of(heads(11));
        MerkleProof proof = tree.proofFor("family/f10").orElseThrow();

        assertThat(runScript(json(proof, tree.root()))).isEqualTo(new ScriptRun(0, tree.root()));
        ScriptRun refused = runScript(json(proof, hash('a')));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).isEqualTo(tree.root());
    }

    private record ScriptRun(int exit, String output) {
    }

    private static ScriptRun runScript(String proofJson) throws Exception {
        Path file = Files.createTempFile("proof", ".json");
        try {
            Files.writeString(file, proofJson);
            Process process = new ProcessBuilder("python3", "tools/verify_digest_proof.py", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new ScriptRun(process.exitValue(), output);
        } finally {
            Files.delete(file);
        }
    }

    private static String json(MerkleProof proof, String digest) {
        StringBuilder steps = new StringBuilder();
        for (ProofStep step : proof.steps()) {
            steps.append(steps.isEmpty() ? "" : ",").append("{\"sibling\":\"").append(step.sibling())
                    .append("\",\"sibling_on_left\":").append(step.siblingOnLeft()).append('}');
        }
        return "{\"leaf\":{\"stream\":\"" + proof.leaf().stream() + "\",\"version\":" + proof.leaf().version()
                + ",\"chain_hash\":\"" + proof.leaf().chainHash() + "\"},\"steps\":[" + steps + "],\"digest\":\""
                + digest + "\"}";
    }

    private static List<StreamLeaf> heads(int count) {
        List<StreamLeaf> heads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            heads.add(StreamLeaf.of("family", "f" + i, i + 1, hash("0123456789abcdef".charAt(i % 16))));
        }
        return heads;
    }

    private static String hash(char digit) {
        return String.valueOf(digit).repeat(64);
    }
}
