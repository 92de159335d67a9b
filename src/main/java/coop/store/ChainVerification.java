package coop.store;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a walk along a stream's hash chain found (docs/ledger.md).
 *
 * @param aggregateVersion the last version read
 * @param head             the chain hash stored on that event; empty when it has none
 * @param firstBadVersion  where the chain first breaks; empty when it verifies
 * @param problem          what broke there: {@link #HASH_MISMATCH}, {@link #MISSING_VERSION} or {@link #NOT_CHAINED}
 */
public record ChainVerification(long aggregateVersion, Optional<String> head, OptionalLong firstBadVersion,
                                Optional<String> problem) {

    /** The stored chain hash is not the hash of the event as stored following its predecessor's. */
    public static final String HASH_MISMATCH = "hash_mismatch";
    /** A version is absent: the versions read skip it. */
    public static final String MISSING_VERSION = "missing_version";
    /** The event has no chain hash: written before chains and not backfilled yet. */
    public static final String NOT_CHAINED = "not_chained";

    public boolean verified() {
        return firstBadVersion.isEmpty();
    }
}
