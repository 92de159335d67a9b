package coop.ledger;

import coop.store.ChainVerification;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.List;
import java.util.Optional;

/**
 * Checks a stream against a digest taken earlier: the head the digest recorded, {@code (version, chain_hash)}, must
 * still be the chain hash stored at that version, and today's chain must verify from its start to its end. Since each
 * hash covers its predecessor, an equal hash at the recorded version means versions 1..N are those the digest saw,
 * and a verifying chain means what follows extends them. A chain rewritten with recomputed hashes verifies on its
 * own, but not against a digest: its hash at version N differs from the one the digest keeps out of reach.
 */
public final class DigestProofs {

    private final EventStore events;

    public DigestProofs(EventStore events) {
        this.events = events;
    }

    /**
     * @param stream  the stream to check, in the digest's tenant
     * @param digest  the digest's tree, rebuilt from its stored leaves
     * @param root    the digest as stored (and as written to the locked bucket); the proof must reach it
     */
    public DigestCheck check(StreamId stream, MerkleTree digest, String root) {
        Optional<MerkleProof> found = digest.proofFor(stream.aggregateType() + "/" + stream.aggregateId());
        if (found.isEmpty()) {
            return DigestCheck.notCovered();
        }
        MerkleProof proof = new MerkleProof(found.get().leaf(), found.get().steps(), root);
        return DigestCheck.of(proof, problem(stream, proof));
    }

    private Optional<String> problem(StreamId stream, MerkleProof proof) {
        if (!proof.checks()) {
            return Optional.of(DigestCheck.PROOF_INVALID);
        }
        long recorded = proof.leaf().version();
        List<RecordedEvent> atRecorded = events.readStream(stream, recorded - 1, recorded);
        if (atRecorded.isEmpty()) {
            return Optional.of(DigestCheck.VERSION_MISSING);
        }
        if (!atRecorded.getFirst().chainHash().equals(Optional.of(proof.leaf().chainHash()))) {
            return Optional.of(DigestCheck.HEAD_REWRITTEN);
        }
        ChainVerification today = events.verifyChain(stream);
        return today.verified() ? Optional.empty() : Optional.of(DigestCheck.CHAIN_BROKEN);
    }
}
