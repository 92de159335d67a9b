package coop.notify;

import coop.app.AppendRequest;
import coop.app.DerivedIds;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.NoticeKind;
import coop.domain.family.NotificationSent;
import coop.store.EventIdConflict;
import coop.store.ExpectedVersion;
import coop.store.Notice;
import coop.store.NoticeClaim;
import coop.store.NoticeKey;
import coop.store.NoticeStore;
import coop.store.RecordedEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends each notice at most once per claim and records it in the family's history: claim (one conditional write),
 * send, mark {@code SENT} with the provider's id, append {@code NotificationSent} under an id derived from the
 * notice, mark {@code RECORDED}. A delivery that dies after any step leaves the notice where the next one picks it up:
 * claimed (taken over once the lease ends), sent (recorded) or recorded (nothing left to do).
 */
public final class NoticeSender {

    /** Who the history says appended {@code NotificationSent}. */
    public static final String USER_ID = "trigger:notify-family";

    static final String ERASED = "personal_data_erased";
    static final String NO_CONTACT = "no_contact";
    static final String OPTED_OUT = "opted_out";

    private final NoticeStore notices;
    private final Mailer mailer;
    private final EventService events;
    private final EventCodec codec;
    private final NoticeCounts metrics;
    private final NoticeSettings settings;
    private final Clock clock;

    public NoticeSender(NoticeStore notices, Mailer mailer, EventService events, EventCodec codec, NoticeCounts metrics,
                        NoticeSettings settings, Clock clock) {
        this.notices = notices;
        this.mailer = mailer;
        this.events = events;
        this.codec = codec;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Sends the {@code kind} notice about {@code causing} to the family as {@code family} is now, unless it was
     * decided already or the family may not get it (erased, no contact, opted out: then it is {@code SKIPPED} with
     * the reason).
     *
     * @throws NoticeHeldElsewhere when another delivery is sending it right now
     * @throws NoticeNotSent       when the provider refused it and it will be tried again
     */
    public void deliver(RecordedEvent causing, NoticeKind kind, FamilyState family, Map<String, String> values) {
        deliver(NoticeCause.of(causing), kind, family, values);
    }

    /** As {@link #deliver(RecordedEvent, NoticeKind, FamilyState, Map)}, about any cause (a reminder of a due). */
    public void deliver(NoticeCause causing, NoticeKind kind, FamilyState family, Map<String, String> values) {
        NoticeKey key = new NoticeKey(causing.tenantId(), causing.familyId(), causing.causeId(), kind.storedName());
        Optional<String> reason = reasonNotToSend(kind, family);
        Instant now = clock.instant();
        NoticeClaim claim = reason.isPresent()
                ? notices.skip(key, reason.get(), now)
                : notices.claim(key, now, now.plus(settings.lease()));
        switch (claim) {
            case NoticeClaim.Claimed(Notice notice) when notice.status() == Notice.Status.SKIPPED ->
                    metrics.noticesSkipped(notice.reason().orElseThrow(), 1);
            case NoticeClaim.Claimed(Notice notice) ->
                    send(causing, kind, notice, family.email(), NoticeTemplates.of(kind).render(values));
            case NoticeClaim.Taken(Notice notice) -> finishOrLeave(causing, kind, notice);
        }
    }

    private static Optional<String> reasonNotToSend(NoticeKind kind, FamilyState family) {
        if (family.personalDataErased()) {
            return Optional.of(ERASED);
        }
        if (family.email() == null) {
            return Optional.of(NO_CONTACT);
        }
        return family.optedOutOf(kind) ? Optional.of(OPTED_OUT) : Optional.empty();
    }

    private void finishOrLeave(NoticeCause causing, NoticeKind kind, Notice notice) {
        switch (notice.status()) {
            // sent by a delivery that died before the history had it
            case SENT -> record(causing, kind, notice.noticeId(), notice.providerMessageId().orElseThrow());
            // held under a live lease, or one that ended between this claim and the write that lost: come back
            case SENDING -> throw new NoticeHeldElsewhere(notice.noticeId());
            case RECORDED, SKIPPED, FAILED -> {
                // decided: a redelivery, a replay or a rebuild changes nothing
            }
        }
    }

    private void send(NoticeCause causing, NoticeKind kind, Notice notice, String to, NoticeMessage message) {
        // Start only if the call ends before the lease does: then no other delivery can take over mid-call.
        if (clock.instant().plus(settings.sendTime()).isAfter(notice.leaseUntil())) {
            notices.release(notice.noticeId(), "lease_ran_out", clock.instant());
            throw new NoticeNotSent(notice.noticeId(), "too little of the lease was left to send");
        }
        String messageId;
        try {
            messageId = mailer.send(to, message);
        } catch (RuntimeException refused) {
            // The class only: a provider's message may quote the address.
            String reason = "send_failed:" + refused.getClass().getSimpleName();
            if (notice.attempts() >= settings.maxAttempts()) {
                notices.markFailed(notice.noticeId(), reason, clock.instant());
                metrics.noticeSendFailed(kind.storedName());
                return;
            }
            notices.release(notice.noticeId(), reason, clock.instant());
            throw new NoticeNotSent(notice.noticeId(), reason);
        }
        notices.markSent(notice.noticeId(), messageId, clock.instant());
        metrics.noticeSent(kind.storedName());
        record(causing, kind, notice.noticeId(), messageId);
    }

    private void record(NoticeCause causing, NoticeKind kind, String noticeId, String messageId) {
        NotificationSent sent = new NotificationSent(kind.storedName(), NotificationSent.EMAIL, causing.causeId(),
                messageId);
        AppendRequest request = new AppendRequest(causing.tenantId(), Family.NAME, causing.familyId(),
                ExpectedVersion.any(), List.of(codec.propose(Family.INSTANCE, sent,
                Optional.of(notificationSentId(noticeId)))), USER_ID, Optional.of(causing.correlationId()),
                causing.causationId());
        try {
            events.append(request);
        } catch (EventIdConflict twinRecordedFirst) {
            // a delivery that took an expired lease over sent it too and recorded its own message id first
        }
        notices.markRecorded(noticeId, clock.instant());
    }

    /** The id of the {@code NotificationSent} of a notice: the same on every delivery, so it is stored once. */
    public static String notificationSentId(String noticeId) {
        return DerivedIds.of("notification-sent|" + noticeId);
    }
}
