package coop.store;

/** What a delivery got when it tried to take a notice: it, or the notice as someone else left it. */
public sealed interface NoticeClaim {

    /**
     * This delivery's write won: it holds the notice until {@code notice.leaseUntil()} and may send it, or (from a
     * skip) it decided the notice as {@code SKIPPED}.
     */
    record Claimed(Notice notice) implements NoticeClaim {
    }

    /** Another delivery holds a live lease, or the notice was already decided; here it is as stored. */
    record Taken(Notice notice) implements NoticeClaim {
    }
}
