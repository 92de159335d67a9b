package coop.store;

import java.util.UUID;
import java.nio.charset.StandardCharsets;

/** Which notice: about which event of which family, of which kind. Its id is the same on every delivery. */
public record NoticeKey(String tenantId, String familyId, String causingEventId, String kind) {

    public String noticeId() {
        return UUID.nameUUIDFromBytes((tenantId + "|" + causingEventId + "|" + kind).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
