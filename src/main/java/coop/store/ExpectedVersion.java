package coop.store;

/** What the writer believes the stream's current version is. Versions start at 1; 0 means "no stream yet". */
public sealed interface ExpectedVersion {

    static ExpectedVersion any() {
        return Any.INSTANCE;
    }

    static Exactly noStream() {
        return new Exactly(0);
    }

    static Exactly exactly(long version) {
        return new Exactly(version);
    }

    /** Append after whatever is there; the application re-reads, re-checks and retries lost races, a bounded number of times. */
    enum Any implements ExpectedVersion {
        INSTANCE;

        @Override
        public String toString() {
            return "any";
        }
    }

    /** Append only if the stream's last version is exactly {@code version} (0: the stream must not exist). */
    record Exactly(long version) implements ExpectedVersion {

        public Exactly {
            if (version < 0) {
                throw new IllegalArgumentException("expected version must be >= 0");
            }
        }

        @Override
        public String toString() {
            return Long.toString(version);
        }
    }
}
