package coop.functions;

import coop.ledger.Digest;

import java.time.Instant;

/**
 * One digest as {@code POST /ledger/digests} and {@code GET /ledger/digests[/{digest_id}]} serve it: the Merkle root
 * and how many streams it covers. Its leaves stay behind: a stream's proof comes with its verification.
 */
record DigestView(String digestId, String digest, Instant takenAt, int streams) {

    static DigestView of(Digest digest) {
        return new DigestView(digest.digestId(), digest.root(), digest.takenAt(), digest.streams());
    }
}
