package coop.functions;

import coop.store.Notice;

import java.time.Instant;
import java.util.Locale;

/** One notice as {@code GET /notifications} serves it (snake_case through {@code Json.mapper()}). */
record NoticeView(String noticeId, String familyId, String kind, String causingEventId, String status,
                  String reason, String providerMessageId, int attempts, Instant updatedAt) {

    static NoticeView of(Notice notice) {
        return new NoticeView(notice.noticeId(), notice.familyId(), notice.kind(), notice.causingEventId(),
                notice.status().name().toLowerCase(Locale.ROOT), notice.reason().orElse(null),
                notice.providerMessageId().orElse(null), notice.attempts(), notice.updatedAt());
    }
}
