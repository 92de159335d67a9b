package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One notice to a family, as the notices table keeps it: what it is about and how far it got. It holds no address and
 * no message text, only ids, a kind, a status and a reason from a fixed list, so nothing in it is personal.
 *
 * @param noticeId          derived from (tenant, causing event id, kind): the same on every delivery
 * @param status            {@link Status}
 * @param leaseUntil        while {@code SENDING}: when another delivery may take the notice over
 * @param attempts          how many deliveries claimed it to send
 * @param reason            why it was skipped or failed; empty otherwise
 * @param providerMessageId the mail provider's id once sent
 */
public record Notice(String noticeId, String tenantId, String familyId, String kind, String causingEventId,
                     Status status, Instant leaseUntil, int attempts, Optional<String> reason,
                     Optional<String> providerMessageId, Instant updatedAt) {

    /**
     * {@code SENDING}: claimed by a delivery until the lease ends. {@code SENT}: the provider accepted it.
     * {@code RECORDED}: sent, and {@code NotificationSent} is in the family's history. {@code SKIPPED}: decided not
     * to send (the reason says why). {@code FAILED}: the provider refused it on every attempt.
     */
    public enum Status {
        SENDING, SENT, RECORDED, SKIPPED, FAILED;

        /** Whether no delivery will try to send it again. */
        public boolean decided() {
            return this != SENDING;
        }
    }
}
