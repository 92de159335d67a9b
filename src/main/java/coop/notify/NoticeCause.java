package coop.notify;

import coop.store.RecordedEvent;

import java.util.Optional;

/**
 * What a notice is about: a stored event of the family, or a due the scheduled job reminds the family of. The
 * {@code causeId} names it in the notice id and in {@code NotificationSent}'s {@code causing_event_id}, so it must be
 * the same on every delivery and every run of the job.
 *
 * @param correlationId the correlation {@code NotificationSent} joins
 * @param causationId   the stored event that caused the notice; none for a reminder, which no event causes
 */
public record NoticeCause(String tenantId, String familyId, String causeId, String correlationId,
                          Optional<String> causationId) {

    public static NoticeCause of(RecordedEvent event) {
        return new NoticeCause(event.tenantId(), event.aggregateId(), event.eventId(), event.correlationId(),
                Optional.of(event.eventId()));
    }

    /** A reminder of a due: its id is derived from the due, and it starts a correlation named after it. */
    public static NoticeCause reminder(String tenantId, String familyId, String reminderId) {
        return new NoticeCause(tenantId, familyId, reminderId, "reminder-" + reminderId, Optional.empty());
    }
}
