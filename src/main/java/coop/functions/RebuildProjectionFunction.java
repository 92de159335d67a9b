package coop.functions;

import coop.admin.SegmentTask;
import coop.admin.SegmentTasks;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * One segment of a projection rebuild or of the event backfill, invoked asynchronously (by
 * {@code POST /projections/{name}/rebuild}, by the backfill's start, or by itself to go on with a long segment).
 * Throwing makes Lambda retry it, from the segment's checkpoint. The operator starts the backfill by invoking it with
 * {@code {"projectionName": "event-backfill"}} (README, "Upgrading").
 */
public class RebuildProjectionFunction {

    @Inject
    SegmentTasks tasks;

    @Funq
    public void rebuildProjection(SegmentTask task) {
        tasks.accept(task);
    }
}
