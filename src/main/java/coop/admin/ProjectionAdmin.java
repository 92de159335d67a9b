package coop.admin;

import coop.stream.FamilySummaryProjection;
import coop.domain.family.Family;
import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.StreamCatalog;

import java.time.Clock;

/**
 * Admin work on projections: {@code POST /projections/{name}/rebuild}.
 *
 * <p>A rebuild recomputes every row from the event history while the stream keeps flowing: rows are written on the
 * same version condition as incremental updates (same version overwritten, newer kept), so the two cannot regress
 * each other and the result equals the incrementally built model.
 */
public final class ProjectionAdmin {

    private final FamilySummaryProjection familySummary;
    private final StreamCatalog streams;
    private final CheckpointStore checkpoints;
    private final Clock clock;

    public ProjectionAdmin(FamilySummaryProjection familySummary, StreamCatalog streams, CheckpointStore checkpoints,
                           Clock clock) {
        this.familySummary = familySummary;
        this.streams = streams;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * Rebuilds the named projection: status {@code rebuilding} while it runs, {@code running} after. Synchronous; the
     * HTTP layer answers 202 and may run it after responding. A failed rebuild leaves the status {@code rebuilding}
     * and counts the error, so {@code GET /projections} shows it.
     *
     * @return how many rows were rebuilt
     * @throws UnknownProjection when no rebuildable projection has that name
     */
    public long rebuild(String projectionName) {
        if (!FamilySummaryProjection.NAME.equals(projectionName)) {
            throw new UnknownProjection(projectionName);
        }
        checkpoints.setStatus(projectionName, Checkpoint.Status.REBUILDING, clock.instant());
        long[] count = {0};
        try {
            streams.forEachStream(Family.NAME, stream -> {
                familySummary.rebuild(stream);
                count[0]++;
            });
        } catch (RuntimeException e) {
            checkpoints.recordFailure(projectionName, "rebuild: " + e, clock.instant());
            throw e;
        }
        checkpoints.setStatus(projectionName, Checkpoint.Status.RUNNING, clock.instant());
        return count[0];
    }
}
