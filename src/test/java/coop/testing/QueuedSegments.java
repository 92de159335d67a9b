package coop.testing;

import coop.admin.SegmentLauncher;
import coop.admin.SegmentTask;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Asynchronous {@code rebuildProjection} invocations as Lambda queues them, for a test to run one by one on its own
 * thread (as their own invocations) instead of on the local executor. Only where a test profile selects it
 * ({@code quarkus.arc.selected-alternatives}).
 */
@Alternative
@Singleton
public class QueuedSegments implements SegmentLauncher {

    private final Deque<SegmentTask> queued = new ArrayDeque<>();

    @Override
    public synchronized void launch(SegmentTask task) {
        queued.add(task);
    }

    /** The oldest invocation not run yet. */
    public synchronized Optional<SegmentTask> next() {
        return Optional.ofNullable(queued.poll());
    }
}
