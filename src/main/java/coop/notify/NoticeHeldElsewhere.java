package coop.notify;

/**
 * Another delivery holds the notice under a live lease. This delivery leaves it, but reports the event failed so it
 * comes back: if the holder died, the retry after the lease takes over; if it sent, the retry finds it sent.
 */
public final class NoticeHeldElsewhere extends RuntimeException {

    public NoticeHeldElsewhere(String noticeId) {
        super("Notice " + noticeId + " is being sent by another delivery; retried after its lease");
    }
}
