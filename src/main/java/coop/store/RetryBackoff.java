package coop.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The pause before trying an append again after losing a race for a version. */
public final class RetryBackoff {

    private static final long MAX_MILLIS = 200;

    private RetryBackoff() {
    }

    /**
     * Sleeps a random time up to an exponentially growing ceiling ("full jitter"), so racing writers spread out
     * instead of colliding again in lockstep.
     */
    public static void pause(int attempt) {
        long ceilingMillis = Math.min(MAX_MILLIS, 10L << Math.min(attempt, 10));
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(ceilingMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an append", e);
        }
    }
}
