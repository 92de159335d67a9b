package coop.app;

import java.time.Instant;
import java.util.Optional;

/**
 * An aggregate's state after the event at {@code version}.
 *
 * @param lastEventAt when that event was recorded
 * @param chainHash   that event's chain hash, for the next append to chain on without a read; empty when not known
 *                    (an unchained event, or a snapshot taken before chains)
 */
public record Loaded<S>(S state, long version, Instant lastEventAt, Optional<String> chainHash) {

    public Loaded(S state, long version, Instant lastEventAt) {
        this(state, version, lastEventAt, Optional.empty());
    }
}
