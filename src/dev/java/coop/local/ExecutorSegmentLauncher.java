package coop.local;

import coop.admin.SegmentLauncher;
import coop.admin.SegmentTask;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs each launched segment on a background thread, as Lambda runs an asynchronous invocation: a segment that
 * throws is run again, up to two more times (Lambda's default for asynchronous invocations).
 */
public final class ExecutorSegmentLauncher implements SegmentLauncher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExecutorSegmentLauncher.class);
    static final int ATTEMPTS = 3;

    private final Consumer<SegmentTask> worker;
    private final ExecutorService executor;

    public ExecutorSegmentLauncher(Consumer<SegmentTask> worker, int threads) {
        this.worker = worker;
        this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("rebuild-", 0)
                .factory());
    }

    @Override
    public void launch(SegmentTask task) {
        executor.execute(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    worker.accept(task);
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Rebuild segment %d of %s failed (attempt %d of %d)", task.segment(),
                            task.rebuildId(), attempt, ATTEMPTS);
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
