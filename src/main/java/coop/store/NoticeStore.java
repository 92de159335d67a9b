package coop.store;

import java.time.Instant;
import java.util.List;

/**
 * The notices table: one item per notice, moved forward by conditional writes so that however many deliveries of the
 * same event race, one of them sends.
 */
public interface NoticeStore {

    /**
     * Takes the notice to send it: creates it as {@code SENDING} with a lease ending at {@code leaseUntil}, or takes
     * over one still {@code SENDING} whose lease ended by {@code now} (its holder died before sending, or released it
     * after a refused send). One conditional write.
     */
    NoticeClaim claim(NoticeKey key, Instant now, Instant leaseUntil);

    /**
     * Decides not to send, for {@code reason}, unless the notice was decided already or is held under a live lease.
     * One conditional write; {@link NoticeClaim.Claimed} when this write decided it.
     */
    NoticeClaim skip(NoticeKey key, String reason, Instant now);

    /** The provider accepted the message: {@code SENT} with its id, whoever holds the lease now. */
    void markSent(String noticeId, String providerMessageId, Instant now);

    /** {@code NotificationSent} is in the family's history. */
    void markRecorded(String noticeId, Instant now);

    /** The send failed and may be retried by the next delivery at once: the lease ends now. */
    void release(String noticeId, String reason, Instant now);

    /** The send failed on its last attempt: nobody will try again. */
    void markFailed(String noticeId, String reason, Instant now);

    /** The tenant's notices, newest first, at most {@code limit}. */
    List<Notice> recent(String tenantId, int limit);
}
