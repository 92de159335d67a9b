package coop.admin;

import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.Rebuild;
import coop.store.RebuildSegment;
import coop.store.RebuildStore;
import coop.store.SegmentPage;
import coop.store.StreamCatalog;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one invocation's share of a rebuild segment: up to {@code pagesPerInvocation} scan pages from the segment's
 * checkpoint, each page's streams rebuilt and then the page checkpointed. A crash loses at most the page it was on,
 * whose rows are rewritten idempotently on resume. The segment's last page marks it done, and the last segment done
 * finishes the rebuild and sets the projection back to {@code running}.
 */
public final class RebuildWorker {

    private static final Logger LOG = Logger.getLogger(RebuildWorker.class);

    private final StreamCatalog streams;
    private final RebuildStore rebuilds;
    private final CheckpointStore checkpoints;
    private final Consumer<StreamId> rebuildStream;
    private final SegmentLauncher launcher;
    private final RebuildSettings settings;
    private final Clock clock;

    /** @param rebuildStream recomputes one stream's rows (for the family summary: {@code FamilySummaryProjection::rebuild}) */
    public RebuildWorker(StreamCatalog streams, RebuildStore rebuilds, CheckpointStore checkpoints,
                         Consumer<StreamId> rebuildStream, SegmentLauncher launcher, RebuildSettings settings,
                         Clock clock) {
        this.streams = streams;
        this.rebuilds = rebuilds;
        this.checkpoints = checkpoints;
        this.rebuildStream = rebuildStream;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @throws RuntimeException when a page fails (its scan or its checkpoint); its checkpoint is untouched, so the
     *                          retry redoes only that page
     */
    public void run(SegmentTask task) {
        Optional<Rebuild> rebuild = rebuilds.current(task.projectionName())
                .filter(current -> current.id().equals(task.rebuildId()) && current.finishedAt().isEmpty());
        String aggregateType = ProjectionAdmin.aggregateType(task.projectionName()).orElse(null);
        if (rebuild.isEmpty() || aggregateType == null) {
            LOG.infof("Rebuild %s of %s was replaced or is over; segment %d stops", task.rebuildId(),
                    task.projectionName(), task.segment());
            return;
        }
        RebuildSegment at = rebuilds.segment(task.rebuildId(), task.segment()).orElseThrow();
        List<StreamId> skipped = new ArrayList<>();
        try {
            for (int pages = 0; pages < settings.pagesPerInvocation() && !at.done(); pages++) {
                SegmentPage page = streams.streamsInSegment(aggregateType, at.segment(), task.totalSegments(),
                        at.position(), settings.pageSize());
                page.streams().stream().filter(stream -> !rebuildOne(task, stream)).forEach(skipped::add);
                if (!rebuilds.advance(task.rebuildId(), at, page)) {
                    return; // a duplicate invocation of this segment moved on; it carries the segment from here
                }
                at = new RebuildSegment(at.segment(), at.pages() + 1, page.next(),
                        at.eventsDone() + page.eventsRead(), page.next().isEmpty());
            }
        } catch (RuntimeException e) {
            checkpoints.recordFailure(task.projectionName(), "rebuild " + task.rebuildId() + " segment "
                    + task.segment() + ": " + e, clock.instant());
            throw e;
        }
        if (!at.done()) {
            launcher.launch(task);
        } else if (rebuilds.segments(task.rebuildId()).stream().allMatch(RebuildSegment::done)
                && rebuilds.finish(rebuild.get(), clock.instant())) {
            checkpoints.setStatus(task.projectionName(), Checkpoint.Status.RUNNING, clock.instant());
            LOG.infof("Rebuild %s of %s finished", task.rebuildId(), task.projectionName());
        }
        if (!skipped.isEmpty()) {
            // Only now, with the segment handed on: the failed invocation is what the errors alarm sees, and its
            // retry finds the checkpoint past the skipped families.
            throw new IllegalStateException("Rebuild " + task.rebuildId() + " of " + task.projectionName()
                    + " skipped " + skipped + " and went on");
        }
    }

    /**
     * Rebuilds one stream. A stream that fails (its history no longer folds) holds back only itself, as on the
     * stream: its row stays as the stream keeps it, the failure names it on the projection's checkpoint, and the
     * segment goes on. Otherwise one such family would fail its page on every retry, and the rebuild never end.
     *
     * @return whether it was rebuilt
     */
    private boolean rebuildOne(SegmentTask task, StreamId stream) {
        try {
            rebuildStream.accept(stream);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Rebuild %s of %s skipped %s", task.rebuildId(), task.projectionName(), stream);
            checkpoints.recordFailure(task.projectionName(), "rebuild " + task.rebuildId() + " skipped " + stream
                    + ": " + e, clock.instant());
            return false;
        }
    }
}
