package coop.store;

import java.util.regex.Pattern;

/**
 * The identity of one event stream: one aggregate of one type in one tenant. Every read and write names the tenant,
 * so data of one co-op can never be reached through another's ids.
 */
public record StreamId(String tenantId, String aggregateType, String aggregateId) {

    /** Ids are joined with '#' in keys, so they may not contain it; the rest keeps ids URL- and log-safe. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,200}");

    public StreamId {
        requireId("tenant_id", tenantId);
        requireId("aggregate_type", aggregateType);
        requireId("aggregate_id", aggregateId);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static void requireId(String what, String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException(what + " must be 1-200 characters of letters, digits and _ . : @ -");
        }
    }

    @Override
    public String toString() {
        return tenantId + "/" + aggregateType + "/" + aggregateId;
    }
}
