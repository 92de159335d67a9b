package coop.store.dynamodb;

import coop.store.InvalidPageToken;
import coop.store.ReadModelPage;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-model rows in the read-models table: conditional puts on the row's version, listings by index. Rows made from
 * an aggregate's state are stored with their personal values sealed (see {@link RowSealing}); a row whose key was
 * erased reads with those values null until the stream rewrites it.
 */
public final class DynamoDbReadModels implements ReadModelStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final RowSealing sealing;

    /** Rows that hold no personal data. */
    public DynamoDbReadModels(DynamoDbClient dynamo, String table) {
        this(dynamo, table, PersonalData.none(), Map.of());
    }

    /**
     * @param stateRowsOfModel per read model whose rows show one aggregate's state (row id = aggregate id), that
     *                         aggregate type and its personal state fields: sealed under the aggregate's key
     */
    public DynamoDbReadModels(DynamoDbClient dynamo, String table, PersonalData personal,
                              Map<String, StateRows> stateRowsOfModel) {
        this.dynamo = dynamo;
        this.table = table;
        this.sealing = new RowSealing(personal, stateRowsOfModel);
    }

    @Override
    public Optional<ReadModelRow> find(String tenantId, String model, String rowId) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(ReadModelItems.key(tenantId, model, rowId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : sealing.open(ReadModelItems.fromItem(item));
    }

    @Override
    public List<ReadModelRow> findAll(String model, Collection<RowKey> keys) {
        return BatchRequests.get(dynamo, table, keys.stream()
                        .map(key -> ReadModelItems.key(key.tenantId(), model, key.rowId())).toList())
                .stream().map(ReadModelItems::fromItem).map(sealing::open).flatMap(Optional::stream).toList();
    }

    @Override
    public boolean putIfNewer(ReadModelRow row) {
        return put(row, "<");
    }

    @Override
    public boolean putIfNotOlder(ReadModelRow row) {
        return put(row, "<=");
    }

    private boolean put(ReadModelRow row, String comparison) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(ReadModelItems.toItem(sealing.seal(row)))
                    .conditionExpression("attribute_not_exists(#pk) OR #v " + comparison + " :v")
                    .expressionAttributeNames(Map.of("#pk", ReadModelItems.PK, "#v", ReadModelItems.AGGREGATE_VERSION))
                    .expressionAttributeValues(Map.of(":v", EventItems.n(row.version()))));
            return true;
        } catch (ConditionalCheckFailedException newerStored) {
            return false;
        }
    }

    @Override
    public ReadModelPage list(String tenantId, String model, String listing, int limit, Optional<String> pageToken) {
        String listingKey = ReadModelItems.listingKey(tenantId, model, listing);
        String query = "listing:" + listingKey;
        Optional<Map<String, AttributeValue>> start = PageTokens.decode(pageToken, query)
                .map(fields -> startAfter(tenantId, model, listingKey, PageTokens.field(fields, "ls")));
        QueryResponse response = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .indexName(ReadModelItems.BY_LISTING)
                .keyConditionExpression("#lk = :lk")
                .expressionAttributeNames(Map.of("#lk", ReadModelItems.LISTING_KEY))
                .expressionAttributeValues(Map.of(":lk", EventItems.s(listingKey)))
                .limit(limit)
                .exclusiveStartKey(start.orElse(null))
                .build());
        List<ReadModelRow> stored = response.items().stream().map(ReadModelItems::fromItem).toList();
        List<ReadModelRow> rows = stored.stream().map(sealing::open).flatMap(Optional::stream).toList();
        Optional<String> next = Optional.empty();
        if (LastKeys.of(response).isPresent() && !stored.isEmpty()) {
            // Built from the last row rather than copied from LastEvaluatedKey: same key, fewer assumptions.
            next = Optional.of(PageTokens.encode(Map.of("q", query, "ls", stored.getLast().rowId())));
        }
        return new ReadModelPage(rows, next);
    }

    /**
     * The key a listing page starts after, rebuilt from the last row's id: nothing else in a token is trusted, and
     * an id no row can have (a tampered token; DynamoDB would refuse an oversized key with a 500) is refused here.
     * Tokens of earlier releases also carried the table keys; they are ignored.
     */
    private static Map<String, AttributeValue> startAfter(String tenantId, String model, String listingKey,
                                                          String lastRowId) {
        if (!StreamId.isValidId(lastRowId)) {
            throw new InvalidPageToken();
        }
        Map<String, AttributeValue> key = new HashMap<>(ReadModelItems.key(tenantId, model, lastRowId));
        key.put(ReadModelItems.LISTING_KEY, EventItems.s(listingKey));
        key.put(ReadModelItems.LISTING_SORT, EventItems.s(lastRowId));
        return key;
    }

    @Override
    public void registerTenant(String tenantId) {
        dynamo.putItem(request -> request.tableName(table).item(Map.of(
                ReadModelItems.PK, EventItems.s(ReadModelItems.TENANTS_PK),
                ReadModelItems.SK, EventItems.s(tenantId))));
    }

    @Override
    public List<String> tenants() {
        return dynamo.queryPaginator(request -> request.tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", ReadModelItems.PK))
                        .expressionAttributeValues(Map.of(":pk", EventItems.s(ReadModelItems.TENANTS_PK))))
                .items().stream().map(item -> item.get(ReadModelItems.SK).s()).toList();
    }
}
