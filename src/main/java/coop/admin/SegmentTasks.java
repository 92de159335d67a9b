package coop.admin;

import java.util.function.Consumer;

/**
 * What a {@code rebuildProjection} invocation does with its task: a segment of a projection rebuild, a segment of
 * the event backfill, or (a backfill task without an id, as the operator sends it) the start of a backfill.
 */
public final class SegmentTasks implements Consumer<SegmentTask> {

    private final RebuildWorker rebuilds;
    private final Backfills backfills;

    public SegmentTasks(RebuildWorker rebuilds, Backfills backfills) {
        this.rebuilds = rebuilds;
        this.backfills = backfills;
    }

    @Override
    public void accept(SegmentTask task) {
        if (!Backfills.isBackfill(task)) {
            rebuilds.run(task);
        } else if (task.rebuildId() == null || task.rebuildId().isBlank()) {
            backfills.start();
        } else {
            backfills.run(task);
        }
    }
}
