package coop.store.dynamodb;

import coop.store.ReadModelRow;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of the read-models table (keys {@code pk}/{@code sk}, index {@code by_listing} on
 * {@code listing_key}/{@code listing_sort}). A row's key is {@code <tenant>#<model>#<row id>} / {@code <model>}, so
 * rows spread over partitions; its listing key is {@code <tenant>#<model>#<listing>}, e.g.
 * {@code coop-north#family_summary#payment_status#overdue}, sorted by row id.
 */
final class ReadModelItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String LISTING_KEY = "listing_key";
    static final String LISTING_SORT = "listing_sort";
    static final String BY_LISTING = "by_listing";
    static final String TENANT_ID = "tenant_id";
    static final String MODEL = "model";
    static final String ROW_ID = "row_id";
    static final String LISTING = "listing";
    static final String AGGREGATE_VERSION = "aggregate_version";
    static final String VIEW = "view";
    static final String UPDATED_AT = "updated_at";
    static final String STATE = "state";
    static final String STATE_SCHEMA = "state_schema";

    /** The registry of tenants that have rows: one item per tenant under this partition. */
    static final String TENANTS_PK = "registry#tenants";

    private ReadModelItems() {
    }

    static Map<String, AttributeValue> key(String tenantId, String model, String rowId) {
        return Map.of(PK, EventItems.s(tenantId + "#" + model + "#" + rowId), SK, EventItems.s(model));
    }

    static String listingKey(String tenantId, String model, String listing) {
        return tenantId + "#" + model + "#" + listing;
    }

    static Map<String, AttributeValue> toItem(ReadModelRow row) {
        Map<String, AttributeValue> item = new HashMap<>(key(row.tenantId(), row.model(), row.rowId()));
        item.put(TENANT_ID, EventItems.s(row.tenantId()));
        item.put(MODEL, EventItems.s(row.model()));
        item.put(ROW_ID, EventItems.s(row.rowId()));
        item.put(AGGREGATE_VERSION, EventItems.n(row.version()));
        row.view().ifPresent(view -> item.put(VIEW, EventItems.s(view)));
        item.put(UPDATED_AT, EventItems.s(Timestamps.format(row.updatedAt())));
        row.source().ifPresent(source -> {
            item.put(STATE, EventItems.s(source.state()));
            item.put(STATE_SCHEMA, EventItems.n(source.stateSchema()));
        });
        row.listing().ifPresent(listing -> {
            item.put(LISTING, EventItems.s(listing));
            item.put(LISTING_KEY, EventItems.s(listingKey(row.tenantId(), row.model(), listing)));
            item.put(LISTING_SORT, EventItems.s(row.rowId()));
        });
        return item;
    }

    static ReadModelRow fromItem(Map<String, AttributeValue> item) {
        return new ReadModelRow(
                item.get(TENANT_ID).s(),
                item.get(MODEL).s(),
                item.get(ROW_ID).s(),
                Long.parseLong(item.get(AGGREGATE_VERSION).n()),
                Optional.ofNullable(item.get(VIEW)).map(AttributeValue::s),
                Optional.ofNullable(item.get(LISTING)).map(AttributeValue::s),
                Timestamps.parse(item.get(UPDATED_AT).s()),
                Optional.ofNullable(item.get(STATE)).filter(state -> item.containsKey(STATE_SCHEMA))
                        .map(state -> new ReadModelRow.RowSource(state.s(),
                                Integer.parseInt(item.get(STATE_SCHEMA).n()))));
    }
}
