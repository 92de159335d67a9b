package coop.notify;

/** The provider did not take the message on this attempt; the event is retried. */
public final class NoticeNotSent extends RuntimeException {

    public NoticeNotSent(String noticeId, String reason) {
        super("Notice " + noticeId + " not sent: " + reason);
    }
}
