package coop.observability;

import coop.app.SnapshotWrites;
import coop.store.StreamId;

/**
 * Publishes failed snapshot writes as the {@code SnapshotWriteFailures} metric, per aggregate type. A failed write
 * never fails a load, but every later load of that stream replays more until one succeeds: an alarm should see it.
 */
public final class SnapshotWriteMetrics implements SnapshotWrites {

    private final Metrics metrics;

    public SnapshotWriteMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void written(StreamId stream, long version, int bytes) {
        // Written snapshots are the normal case; the stream and load logs already say when they happen.
    }

    @Override
    public void failed(StreamId stream, long version, int bytes, String reason) {
        metrics.snapshotWriteFailed(stream.aggregateType());
    }
}
