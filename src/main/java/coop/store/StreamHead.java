package coop.store;

import java.util.Optional;

/**
 * Where an append starts: the stream's last version as the caller loaded it, and that event's chain hash when the
 * caller knows it (from a snapshot or the events it read), so the store chains the new events without a read.
 *
 * @param chainHash empty when not known: the store then reads it (one keyed read), as for an unchained stream
 */
public record StreamHead(long version, Optional<String> chainHash) {

    /** A head whose chain hash is not known to the caller. */
    public static StreamHead at(long version) {
        return new StreamHead(version, Optional.empty());
    }

    public ExpectedVersion.Exactly expected() {
        return ExpectedVersion.exactly(version);
    }
}
