package coop.store;

/** Another writer appended first: the stream is no longer at the version the caller expected. */
public final class ConcurrencyConflict extends RuntimeException {

    private final ExpectedVersion expected;
    private final long actual;

    public ConcurrencyConflict(StreamId stream, ExpectedVersion expected, long actual) {
        super("Stream " + stream + " is at version " + actual + ", not at the expected version " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public ExpectedVersion expected() {
        return expected;
    }

    /** The stream's version when the conflict was detected; it may have moved on since. */
    public long actual() {
        return actual;
    }
}
