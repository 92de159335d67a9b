package coop.functions;

import coop.ledger.DigestCheck;
import coop.store.ChainVerification;

/**
 * The answer of {@code GET /aggregates/{type}/{id}/verification?digest_id=} (docs/ledger-digests.md): the chain's
 * own verdict, and whether the head the digest recorded is still on it. {@code verified} is the digest's verdict,
 * which includes the chain's, so a stream the digest did not cover is never "verified" against it.
 *
 * @param firstBadVersion  where today's chain first breaks; null when it verifies
 * @param problem          the digest check's problem (not_covered, recorded_version_missing, ...), else the chain's;
 *                         null when verified
 * @param proof            the recorded head's Merkle proof; null when the digest did not cover the stream
 */
record DigestVerificationBody(boolean verified, long aggregateVersion, String head, Long firstBadVersion,
                              String problem, String digestId, boolean covered, ProofView proof) {

    static DigestVerificationBody of(ChainVerification chain, String digestId, DigestCheck check) {
        VerificationBody own = VerificationBody.of(chain);
        return new DigestVerificationBody(check.verified(), own.aggregateVersion(), own.head(),
                own.firstBadVersion(), check.problem().orElse(own.problem()), digestId, check.covered(),
                check.proof().map(ProofView::of).orElse(null));
    }
}
