package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of a read model (e.g. the summary of one family), tenant-scoped.
 *
 * @param model   the read model's name, e.g. {@code family_summary}
 * @param rowId   the row's id within the model and tenant, e.g. the family id
 * @param version the last aggregate version applied to the row; a write never lowers it
 * @param view    the row as a JSON object
 * @param listing the listing the row belongs to, e.g. {@code payment_status#overdue}; empty for none
 * @param source  the aggregate state the view was made from, so that the next events apply to the row without a
 *                load; never served
 */
public record ReadModelRow(String tenantId, String model, String rowId, long version, String view,
                           Optional<String> listing, Instant updatedAt, Optional<RowSource> source) {

    public ReadModelRow(String tenantId, String model, String rowId, long version, String view,
                        Optional<String> listing, Instant updatedAt) {
        this(tenantId, model, rowId, version, view, listing, updatedAt, Optional.empty());
    }

    /** An aggregate state as JSON, with the state schema it was written under (another schema is not trusted). */
    public record RowSource(String state, int stateSchema) {
    }
}
