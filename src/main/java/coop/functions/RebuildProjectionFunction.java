package coop.functions;

import coop.admin.RebuildWorker;
import coop.admin.SegmentTask;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * One segment of a projection rebuild, invoked asynchronously (by {@code POST /projections/{name}/rebuild}, or by
 * itself to go on with a long segment). Throwing makes Lambda retry it, from the segment's checkpoint.
 */
public class RebuildProjectionFunction {

    @Inject
    RebuildWorker worker;

    @Funq
    public void rebuildProjection(SegmentTask task) {
        worker.run(task);
    }
}
