package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of a read model (e.g. the summary of one family), tenant-scoped.
 *
 * <p>A row stores what it serves once: either a {@code view}, or the {@code source} its view is derived from when
 * read (the family summary stores only the Family state). Rows written by earlier releases may carry both.
 *
 * @param model   the read model's name, e.g. {@code family_summary}
 * @param rowId   the row's id within the model and tenant, e.g. the family id
 * @param version the last aggregate version applied to the row; a write never lowers it
 * @param view    the row as a JSON object, for a model that stores its view
 * @param listing the listing the row belongs to, e.g. {@code payment_status#overdue}; empty for none
 * @param source  the aggregate state the row was made from, so that the next events apply to the row without a
 *                load, and the view can be derived from it
 */
public record ReadModelRow(String tenantId, String model, String rowId, long version, Optional<String> view,
                           Optional<String> listing, Instant updatedAt, Optional<RowSource> source) {

    public ReadModelRow {
        if (view.isEmpty() && source.isEmpty()) {
            throw new IllegalArgumentException("a read-model row stores a view, a source, or (from earlier releases) both");
        }
    }

    /** A row that stores only the state its view derives from. */
    public static ReadModelRow ofSource(String tenantId, String model, String rowId, long version,
                                        Optional<String> listing, Instant updatedAt, RowSource source) {
        return new ReadModelRow(tenantId, model, rowId, version, Optional.empty(), listing, updatedAt,
                Optional.of(source));
    }

    /** An aggregate state as JSON, with the state schema it was written under (another schema is not trusted). */
    public record RowSource(String state, int stateSchema) {
    }
}
