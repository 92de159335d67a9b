package coop.ledger;

import java.util.List;

/**
 * A proof that {@code leaf} is one of the leaves under {@code root}: hash the leaf, then combine it with each step's
 * sibling in order; the result must be the root. A step is absent where the running node was the odd one out at
 * its level and was promoted unchanged.
 */
public record MerkleProof(StreamLeaf leaf, List<ProofStep> steps, String root) {

    public MerkleProof {
        steps = List.copyOf(steps);
    }

    /** Recomputes the root from the leaf and the steps; true when it is {@link #root}. */
    public boolean checks() {
        String running = MerkleHashes.leaf(leaf);
        for (ProofStep step : steps) {
            running = step.siblingOnLeft()
                    ? MerkleHashes.node(step.sibling(), running)
                    : MerkleHashes.node(running, step.sibling());
        }
        return running.equals(root);
    }
}
