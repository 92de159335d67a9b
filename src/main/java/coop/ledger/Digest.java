package coop.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A digest as stored: its id, the Merkle root over the tenant's stream heads, when it was taken, and the leaves, so
 * that a proof for any covered stream can be rebuilt later (docs/ledger-digests.md).
 */
public record Digest(String digestId, String root, Instant takenAt, List<StreamLeaf> leaves) {

    public Digest {
        leaves = List.copyOf(leaves);
    }

    /** The tree rebuilt from the stored leaves; its root is checked against {@link #root} by every proof. */
    public MerkleTree tree() {
        return MerkleTree.of(leaves);
    }

    public int streams() {
        return leaves.size();
    }
}
