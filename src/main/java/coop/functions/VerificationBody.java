package coop.functions;

import coop.store.ChainVerification;

/**
 * The answer of {@code GET /aggregates/{type}/{id}/verification} (docs/ledger.md), also the last line of the CSV
 * export.
 *
 * @param head              the chain hash stored on the last event; null when it has none
 * @param firstBadVersion   where the chain first breaks; null when it verifies
 * @param problem           what broke there (hash_mismatch, missing_version, not_chained); null when it verifies
 */
record VerificationBody(boolean verified, long aggregateVersion, String head, Long firstBadVersion, String problem) {

    static VerificationBody of(ChainVerification verification) {
        return new VerificationBody(verification.verified(), verification.aggregateVersion(),
                verification.head().orElse(null),
                verification.firstBadVersion().isPresent() ? verification.firstBadVersion().getAsLong() : null,
                verification.problem().orElse(null));
    }
}
