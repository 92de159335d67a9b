package coop.admin;

import coop.domain.family.Family;
import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.Rebuild;
import coop.store.RebuildStore;
import coop.store.StreamCatalog;
import coop.stream.FamilySummaryProjection;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform's work on projections: {@code POST /projections/{name}/rebuild} (operators only) starts a rebuild and
 * returns at once; the work runs in {@link RebuildWorker}s, one chain of invocations per parallel scan segment.
 *
 * <p>A rebuild recomputes every row from the event history while the stream keeps flowing: rows are written on the
 * same version condition as incremental updates (same version overwritten, newer kept), so the two cannot regress
 * each other and the result equals the incrementally built model. A new rebuild replaces a running one, whose
 * segments stop at their next page. It covers every tenant (a parallel Scan of the whole events table: a Scan cannot
 * be limited to one tenant's partition keys), which is why only the platform's operators may start, and so replace,
 * one.
 */
public final class ProjectionAdmin {

    private final StreamCatalog streams;
    private final RebuildStore rebuilds;
    private final CheckpointStore checkpoints;
    private final SegmentLauncher launcher;
    private final RebuildSettings settings;
    private final Clock clock;

    public ProjectionAdmin(StreamCatalog streams, RebuildStore rebuilds, CheckpointStore checkpoints,
                           SegmentLauncher launcher, RebuildSettings settings, Clock clock) {
        this.streams = streams;
        this.rebuilds = rebuilds;
        this.checkpoints = checkpoints;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts rebuilding the named projection: status {@code rebuilding} until every segment is done, then
     * {@code running}.
     *
     * @throws UnknownProjection when no rebuildable projection has that name
     */
    public Rebuild start(String projectionName) {
        aggregateType(projectionName).orElseThrow(() -> new UnknownProjection(projectionName));
        Rebuild rebuild = new Rebuild(UUID.randomUUID().toString(), projectionName, settings.segments(),
                streams.approximateEventCount(), clock.instant(), Optional.empty());
        // Status first: once the rebuild is current, its segments may finish it and set the status back to running
        // at any moment, and a "rebuilding" written after that (by a start another start overtook) would stay.
        checkpoints.setStatus(projectionName, Checkpoint.Status.REBUILDING, clock.instant());
        rebuilds.start(rebuild);
        for (int segment = 0; segment < rebuild.totalSegments(); segment++) {
            launcher.launch(new SegmentTask(rebuild.id(), projectionName, segment, rebuild.totalSegments()));
        }
        return rebuild;
    }

    /** The aggregate type whose streams a rebuildable projection is built from. */
    static Optional<String> aggregateType(String projectionName) {
        return FamilySummaryProjection.NAME.equals(projectionName) ? Optional.of(Family.NAME) : Optional.empty();
    }
}
