package coop.app;

import java.time.Instant;

/** Which state of an aggregate to load: the latest, the one after a given version, or the one at an instant. */
public sealed interface LoadTarget {

    static LoadTarget latest() {
        return new AtVersion(Long.MAX_VALUE);
    }

    /** The state after the event at {@code version} (or the latest, if the stream is shorter). */
    record AtVersion(long version) implements LoadTarget {

        public AtVersion {
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1");
            }
        }
    }

    /** The state from the events recorded at or before {@code instant}. */
    record AsOf(Instant instant) implements LoadTarget {
    }
}
