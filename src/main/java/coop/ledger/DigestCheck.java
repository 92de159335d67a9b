package coop.ledger;

import java.util.Optional;

/**
 * What checking a stream against a digest found (docs/ledger-digests.md).
 *
 * @param covered   whether the digest recorded a head for the stream; when false, {@code verified} is false too
 * @param verified  the recorded head is still on today's chain, today's chain verifies, and the proof reaches the
 *                  digest's root
 * @param proof     the Merkle proof of the recorded head (leaf, sibling hashes, root); empty when not covered
 * @param problem   why it does not verify: one of the constants below; empty when verified
 */
public record DigestCheck(boolean covered, boolean verified, Optional<MerkleProof> proof, Optional<String> problem) {

    /** The digest has no head for this stream: it was created after the digest, or never existed. */
    public static final String NOT_COVERED = "not_covered";
    /** The stream today has fewer versions than the digest recorded: events were deleted. */
    public static final String VERSION_MISSING = "recorded_version_missing";
    /** The event at the recorded version has another chain hash today: the history up to it was rewritten. */
    public static final String HEAD_REWRITTEN = "recorded_head_rewritten";
    /** Today's chain itself does not verify up to its end (the plain verification says where). */
    public static final String CHAIN_BROKEN = "chain_broken";
    /** The stored proof does not reach the digest's root: the stored digest itself was altered. */
    public static final String PROOF_INVALID = "proof_invalid";

    static DigestCheck notCovered() {
        return new DigestCheck(false, false, Optional.empty(), Optional.of(NOT_COVERED));
    }

    static DigestCheck of(MerkleProof proof, Optional<String> problem) {
        return new DigestCheck(true, problem.isEmpty(), Optional.of(proof), problem);
    }
}
