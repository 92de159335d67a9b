package coop.stream;

import java.util.List;

/**
 * One or more subscribers failed on an event. Thrown out of the stream function, it makes Funqy report the record in
 * {@code batchItemFailures}, so Lambda delivers it again; the subscribers that succeeded are idempotent.
 */
public final class SubscribersFailed extends RuntimeException {

    private final List<String> subscribers;

    public SubscribersFailed(String eventId, List<String> subscribers, Throwable first) {
        super("Event " + eventId + " failed in " + subscribers, first);
        this.subscribers = List.copyOf(subscribers);
    }

    /** The names of the subscribers that failed, e.g. for a metric per subscriber. */
    public List<String> subscribers() {
        return subscribers;
    }
}
