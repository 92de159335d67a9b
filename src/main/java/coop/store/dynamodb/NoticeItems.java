package coop.store.dynamodb;

import coop.store.Notice;
import coop.store.NoticeKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The attribute names of the notices table and the mapping of its items. */
final class NoticeItems {

    static final String NOTICE_ID = "notice_id";
    static final String TENANT_ID = "tenant_id";
    static final String FAMILY_ID = "family_id";
    static final String KIND = "kind";
    static final String CAUSING_EVENT_ID = "causing_event_id";
    static final String STATUS = "status";
    static final String LEASE_UNTIL = "lease_until";
    static final String ATTEMPTS = "attempts";
    static final String REASON = "reason";
    static final String PROVIDER_MESSAGE_ID = "provider_message_id";
    static final String UPDATED_AT = "updated_at";
    /** The index that lists a tenant's notices by time, for the coordinators' listing. */
    static final String BY_TENANT_INDEX = "by_tenant";

    private NoticeItems() {
    }

    static Map<String, AttributeValue> key(String noticeId) {
        return Map.of(NOTICE_ID, EventItems.s(noticeId));
    }

    static String status(Notice.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The attribute values every first write of a notice sets, as update-expression values. */
    static Map<String, AttributeValue> identity(NoticeKey key) {
        return Map.of(":tenant", EventItems.s(key.tenantId()), ":family", EventItems.s(key.familyId()),
                ":kind", EventItems.s(key.kind()), ":cause", EventItems.s(key.causingEventId()));
    }

    static Notice notice(Map<String, AttributeValue> item) {
        return new Notice(item.get(NOTICE_ID).s(), item.get(TENANT_ID).s(), item.get(FAMILY_ID).s(),
                item.get(KIND).s(), item.get(CAUSING_EVENT_ID).s(),
                Notice.Status.valueOf(item.get(STATUS).s().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(item.get(LEASE_UNTIL)).map(v -> Timestamps.parse(v.s())).orElse(Instant.EPOCH),
                Optional.ofNullable(item.get(ATTEMPTS)).map(v -> Integer.parseInt(v.n())).orElse(0),
                Optional.ofNullable(item.get(REASON)).map(AttributeValue::s),
                Optional.ofNullable(item.get(PROVIDER_MESSAGE_ID)).map(AttributeValue::s),
                Timestamps.parse(item.get(UPDATED_AT).s()));
    }
}
