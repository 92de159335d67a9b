package coop.functions;

import coop.ledger.MerkleProof;
import coop.ledger.ProofStep;
import coop.ledger.StreamLeaf;

import java.util.List;

/**
 * A stream's Merkle proof as the verification answers it, in the form tools/verify_digest_proof.py reads: the leaf
 * {@code {stream, version, chain_hash}}, the steps {@code {sibling, sibling_on_left}} and the digest they must reach.
 */
record ProofView(StreamLeaf leaf, List<ProofStep> steps, String digest) {

    static ProofView of(MerkleProof proof) {
        return new ProofView(proof.leaf(), proof.steps(), proof.root());
    }
}
