package coop.store.dynamodb;

import coop.store.FamilyFailures;
import coop.store.ParkedFamily;
import coop.store.ParkingStore;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parking items in the checkpoints table ({@link ParkingItems}): one update per failed delivery of an aggregate, one
 * more when it parks, a conditional delete when an operator releases it.
 */
public final class DynamoDbParking implements ParkingStore {

    private static final Map<String, String> NAMES = Map.of("#fv", ParkingItems.FAILING_VERSION,
            "#attempts", ParkingItems.ATTEMPTS, "#err", ParkingItems.LAST_ERROR, "#at", ParkingItems.LAST_FAILED_AT,
            "#tenant", ParkingItems.TENANT_ID, "#type", ParkingItems.AGGREGATE_TYPE, "#id", ParkingItems.AGGREGATE_ID);
    private static final String NAMING = "#err = :err, #at = :now, #tenant = :tenant, #type = :type, #id = :id";
    /**
     * Failures further apart do not add up: the stream gives a record up after an hour
     * ({@code MaximumRecordAgeInSeconds}), so an older count is about deliveries that ended, e.g. a duplicate
     * delivery of an event that failed twice long ago and then went through.
     */
    private static final Duration COUNT_WINDOW = Duration.ofHours(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbParking(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public FamilyFailures countFailure(StreamId stream, long version, String error, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", EventItems.n(version),
                ":one", EventItems.n(1), ":err", EventItems.s(CheckpointItems.cut(error)),
                ":now", EventItems.s(Timestamps.format(now)), ":tenant", EventItems.s(stream.tenantId()),
                ":type", EventItems.s(stream.aggregateType()), ":id", EventItems.s(stream.aggregateId()),
                ":since", EventItems.s(Timestamps.format(now.minus(COUNT_WINDOW)))));
        try {
            return ParkingItems.failures(dynamo.updateItem(request -> request.tableName(table)
                    .key(ParkingItems.key(stream))
                    .updateExpression("SET #fv = if_not_exists(#fv, :v), " + NAMING + " ADD #attempts :one")
                    .conditionExpression("attribute_not_exists(#fv) OR (#fv = :v AND #at >= :since) "
                            + "OR attribute_exists(#pf)")
                    .expressionAttributeNames(withParkedFrom()).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException anotherEvent) {
            // The count was about another event, which has gone through since, or is too old: this one starts at 1.
            values.remove(":since");
            return ParkingItems.failures(dynamo.updateItem(request -> request.tableName(table)
                    .key(ParkingItems.key(stream))
                    .updateExpression("SET #fv = :v, #attempts = :one, " + NAMING)
                    .expressionAttributeNames(NAMES).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        }
    }

    private static Map<String, String> withParkedFrom() {
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("#pf", ParkingItems.PARKED_FROM);
        return names;
    }

    @Override
    public boolean park(StreamId stream, long fromVersion, int events, Instant now) {
        Map<String, String> names = Map.of("#pf", ParkingItems.PARKED_FROM, "#pe", ParkingItems.PARKED_EVENTS,
                "#pat", ParkingItems.PARKED_AT, "#fv", ParkingItems.FAILING_VERSION);
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(request -> request.tableName(table).key(ParkingItems.key(stream))
                    .updateExpression("SET #pf = if_not_exists(#pf, :from), #pat = if_not_exists(#pat, :now) "
                            + "ADD #pe :n")
                    // Released between the count and now: the replay may not have seen these events, so they must
                    // fail and come again rather than park a family nobody counts any more.
                    .conditionExpression("attribute_exists(#fv)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":from", EventItems.n(fromVersion), ":n", EventItems.n(events),
                            ":now", EventItems.s(Timestamps.format(now))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException released) {
            return false;
        }
        if (ParkingItems.number(item, ParkingItems.PARKED_FROM) > fromVersion) {
            // An earlier event parked after a later one (delivery is ordered per item only): replay from it.
            try {
                dynamo.updateItem(request -> request.tableName(table).key(ParkingItems.key(stream))
                        .updateExpression("SET #pf = :from").conditionExpression("#pf > :from")
                        .expressionAttributeNames(Map.of("#pf", ParkingItems.PARKED_FROM))
                        .expressionAttributeValues(Map.of(":from", EventItems.n(fromVersion))));
            } catch (ConditionalCheckFailedException lowerAlready) {
                // another invocation parked an even earlier event
            }
        }
        return true;
    }

    @Override
    public Optional<ParkedFamily> find(StreamId stream) {
        return ParkingItems.parked(dynamo.getItem(request -> request.tableName(table).key(ParkingItems.key(stream))
                .consistentRead(true)).item());
    }

    @Override
    public boolean release(ParkedFamily seen) {
        try {
            dynamo.deleteItem(request -> request.tableName(table).key(ParkingItems.key(seen.stream()))
                    .conditionExpression("#pf = :from AND #pe = :events")
                    .expressionAttributeNames(Map.of("#pf", ParkingItems.PARKED_FROM,
                            "#pe", ParkingItems.PARKED_EVENTS))
                    .expressionAttributeValues(Map.of(":from", EventItems.n(seen.fromVersion()),
                            ":events", EventItems.n(seen.parkedEvents()))));
            return true;
        } catch (ConditionalCheckFailedException parkedMeanwhile) {
            return false;
        }
    }

    @Override
    public List<ParkedFamily> parkedIn(String tenantId) {
        return query("#pk = :pk AND begins_with(#sk, :tenant)",
                Map.of(":tenant", EventItems.s(ParkingItems.tenantPrefix(tenantId))));
    }

    @Override
    public List<ParkedFamily> parkedEverywhere() {
        return query("#pk = :pk", Map.of());
    }

    private List<ParkedFamily> query(String keyCondition, Map<String, AttributeValue> extraValues) {
        Map<String, AttributeValue> values = new HashMap<>(extraValues);
        values.put(":pk", EventItems.s(ParkingItems.PARTITION));
        Map<String, String> names = new HashMap<>(Map.of("#pk", CheckpointItems.PK, "#pf", ParkingItems.PARKED_FROM));
        if (keyCondition.contains("#sk")) {
            names.put("#sk", CheckpointItems.SK);
        }
        return dynamo.queryPaginator(request -> request.tableName(table).keyConditionExpression(keyCondition)
                        .filterExpression("attribute_exists(#pf)").consistentRead(true)
                        .expressionAttributeNames(names).expressionAttributeValues(values))
                .items().stream().map(ParkingItems::parked).flatMap(Optional::stream).toList();
    }
}
