package coop.store;

/** A snapshot the store refuses before any request: its item would pass DynamoDB's item size limit. */
public final class SnapshotTooLarge extends RuntimeException {

    private final int bytes;

    public SnapshotTooLarge(int bytes, int limit) {
        super("the snapshot item would take " + bytes + " bytes, over the " + limit + "-byte item limit");
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
