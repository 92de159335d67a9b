package coop.stream;

/**
 * A subscriber stopped in an aggregate's events at {@code version}: what came before is done, that event and the
 * later ones of the aggregate are not.
 */
public final class AggregateFailed extends RuntimeException {

    private final long version;

    public AggregateFailed(long version, Throwable cause) {
        super("stopped at version " + version + ": " + cause.getMessage(), cause);
        this.version = version;
    }

    public long version() {
        return version;
    }
}
