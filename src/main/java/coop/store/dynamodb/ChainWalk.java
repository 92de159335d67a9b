package coop.store.dynamodb;

import coop.store.ChainVerification;
import coop.store.RecordedEvent;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Follows a stream's events in version order, as stored, and remembers where its hash chain first breaks: a version
 * skipped, an event without a chain hash, or a chain hash that is not {@link EventChain#next} of its predecessor's.
 * Past a break it only counts versions: what follows a broken link proves nothing.
 */
final class ChainWalk {

    private long lastVersion;
    private String previous = EventChain.GENESIS;
    private Optional<String> head = Optional.empty();
    private OptionalLong firstBad = OptionalLong.empty();
    private Optional<String> problem = Optional.empty();

    void accept(RecordedEvent stored) {
        long expected = lastVersion + 1;
        lastVersion = stored.aggregateVersion();
        head = stored.chainHash();
        if (firstBad.isPresent()) {
            return;
        }
        if (stored.aggregateVersion() != expected) {
            broken(expected, ChainVerification.MISSING_VERSION);
        } else if (stored.chainHash().isEmpty()) {
            broken(expected, ChainVerification.NOT_CHAINED);
        } else if (!stored.chainHash().get().equals(EventChain.next(previous, stored))) {
            broken(expected, ChainVerification.HASH_MISMATCH);
        } else {
            previous = stored.chainHash().get();
        }
    }

    ChainVerification result() {
        return new ChainVerification(lastVersion, head, firstBad, problem);
    }

    private void broken(long version, String what) {
        firstBad = OptionalLong.of(version);
        problem = Optional.of(what);
    }
}
