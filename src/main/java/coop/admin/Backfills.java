package coop.admin;

import coop.store.BackfillPage;
import coop.store.EventBackfill;
import coop.store.Rebuild;
import coop.store.RebuildSegment;
import coop.store.RebuildStore;
import coop.store.StreamCatalog;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The one-off backfill of events stored before event ids were unique, as-of loads had their index and personal
 * values were sealed: run once per deployment by the operator (README, "Upgrading"). It runs like a projection rebuild, on the same machinery: one
 * chain of {@code rebuildProjection} invocations per parallel scan segment, a checkpoint after every page, and its
 * state kept as the rebuild of the pseudo-projection {@value #NAME}. A crash redoes at most one page, whose writes
 * only add what is missing, so resuming, retrying or running the whole backfill again changes nothing.
 */
public final class Backfills {

    /** The name its state and its segment tasks go by; no projection has it. */
    public static final String NAME = "event-backfill";

    private static final Logger LOG = Logger.getLogger(Backfills.class);

    private final EventBackfill backfill;
    private final StreamCatalog streams;
    private final RebuildStore state;
    private final SegmentLauncher launcher;
    private final RebuildSettings settings;
    private final Clock clock;

    public Backfills(EventBackfill backfill, StreamCatalog streams, RebuildStore state, SegmentLauncher launcher,
                     RebuildSettings settings, Clock clock) {
        this.backfill = backfill;
        this.streams = streams;
        this.state = state;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a backfill over the whole events table (replacing a running one, whose segments stop) and launches it. */
    public Rebuild start() {
        Rebuild started = new Rebuild(UUID.randomUUID().toString(), NAME, settings.segments(),
                streams.approximateEventCount(), clock.instant(), Optional.empty());
        state.start(started);
        for (int segment = 0; segment < started.totalSegments(); segment++) {
            launcher.launch(new SegmentTask(started.id(), NAME, segment, started.totalSegments()));
        }
        LOG.infof("Backfill %s started with %d segments", started.id(), started.totalSegments());
        return started;
    }

    /** Whether a segment task belongs to a backfill rather than to a projection rebuild. */
    public static boolean isBackfill(SegmentTask task) {
        return NAME.equals(task.projectionName());
    }

    /** @throws RuntimeException when a page fails; its checkpoint is untouched, so the retry redoes only that page */
    public void run(SegmentTask task) {
        Optional<Rebuild> current = state.current(NAME)
                .filter(backfill -> backfill.id().equals(task.rebuildId()) && backfill.finishedAt().isEmpty());
        if (current.isEmpty()) {
            LOG.infof("Backfill %s was replaced or is over; segment %d stops", task.rebuildId(), task.segment());
            return;
        }
        RebuildSegment at = state.segment(task.rebuildId(), task.segment()).orElseThrow();
        for (int pages = 0; pages < settings.pagesPerInvocation() && !at.done(); pages++) {
            BackfillPage page = backfill.backfill(at.segment(), task.totalSegments(), at.position(),
                    settings.pageSize());
            page.duplicateIds().forEach(duplicate -> LOG.errorf("Backfill %s: event id %s of tenant %s is stored "
                            + "twice, at %s version %d (its id item) and at %s version %d; left as it is",
                    task.rebuildId(), duplicate.eventId(), duplicate.tenantId(), duplicate.registeredAt(),
                    duplicate.registeredVersion(), duplicate.alsoAt(), duplicate.alsoVersion()));
            LOG.infof("Backfill %s segment %d page %d: %d events, %d id items and %d time keys added, %d events "
                            + "chained, %d duplicate ids, %d items sealed", task.rebuildId(), task.segment(),
                    at.pages() + 1, page.eventsRead(), page.idsAdded(), page.timeKeysAdded(), page.eventsChained(),
                    page.duplicateIds().size(), page.itemsSealed());
            if (!state.advance(task.rebuildId(), at, page.asSegmentPage())) {
                return; // a duplicate invocation of this segment moved on; it carries the segment from here
            }
            at = new RebuildSegment(at.segment(), at.pages() + 1, page.next(), at.eventsDone() + page.eventsRead(),
                    page.next().isEmpty());
        }
        if (!at.done()) {
            launcher.launch(task);
        } else if (state.segments(task.rebuildId()).stream().allMatch(RebuildSegment::done)
                && state.finish(current.get(), clock.instant())) {
            LOG.infof("Backfill %s finished", task.rebuildId());
        }
    }
}
