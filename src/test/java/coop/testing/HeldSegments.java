package coop.testing;

import coop.admin.SegmentLauncher;
import coop.admin.SegmentTask;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous invocations that Lambda has queued but not run yet: a started rebuild stays "rebuilding", with no page
 * done, until {@link #release()} hands its segments to the real launcher. A local rebuild of a few families would
 * otherwise end before a test could act while it runs.
 */
public final class HeldSegments implements SegmentLauncher {

    private final SegmentLauncher real;
    private final List<SegmentTask> held = new ArrayList<>();
    private boolean released;

    public HeldSegments(SegmentLauncher real) {
        this.real = real;
    }

    @Override
    public synchronized void launch(SegmentTask task) {
        if (released) {
            real.launch(task);
        } else {
            held.add(task);
        }
    }

    /** Runs every held segment, and from now on every launched one at once. */
    public synchronized void release() {
        released = true;
        held.forEach(real::launch);
        held.clear();
    }

    public synchronized int heldCount() {
        return held.size();
    }
}
