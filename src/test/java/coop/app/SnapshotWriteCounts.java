package coop.app;

import coop.store.StreamId;

import java.util.concurrent.atomic.AtomicLong;

/** Counts snapshot writes, for tests of what loads store. */
public final class SnapshotWriteCounts implements SnapshotWrites {

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public void written(StreamId stream, long version, int bytes) {
        written.incrementAndGet();
    }

    @Override
    public void failed(StreamId stream, long version, int bytes, String reason) {
        failed.incrementAndGet();
    }

    public long written() {
        return written.get();
    }

    /** Snapshots that could not be stored; a rising count means loads replay more than they should. */
    public long failed() {
        return failed.get();
    }
}
