package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of projection rebuilds: the current rebuild of each projection and one checkpoint per scan segment.
 * Every write is conditional, so duplicate or late invocations (asynchronous invocations are at least once) can
 * neither move a segment twice nor finish a rebuild that another one replaced.
 */
public interface RebuildStore {

    /** Records {@code rebuild} as its projection's current one (replacing any earlier) with fresh segments. */
    void start(Rebuild rebuild);

    /** The projection's current (latest) rebuild, finished or not. */
    Optional<Rebuild> current(String projection);

    Optional<RebuildSegment> segment(String rebuildId, int segment);

    List<RebuildSegment> segments(String rebuildId);

    /**
     * Checkpoints one page of a segment: moves it from {@code from} on by {@code page}.
     *
     * @return false, writing nothing, when the segment is no longer at {@code from} (another invocation moved it)
     */
    boolean advance(String rebuildId, RebuildSegment from, SegmentPage page);

    /**
     * Marks the rebuild finished at {@code now}, if it is still its projection's current one and not finished yet.
     *
     * @return whether this call finished it
     */
    boolean finish(Rebuild rebuild, Instant now);

    /** The current rebuild's progress, empty when the projection was never rebuilt. */
    default Optional<RebuildProgress> progress(String projection) {
        return current(projection).map(rebuild -> RebuildProgress.of(rebuild, segments(rebuild.id())));
    }
}
