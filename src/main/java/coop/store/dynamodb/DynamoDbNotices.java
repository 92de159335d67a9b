package coop.store.dynamodb;

import coop.store.Notice;
import coop.store.NoticeClaim;
import coop.store.NoticeKey;
import coop.store.NoticeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static coop.store.dynamodb.NoticeItems.*;

/**
 * The notices table. Each step is one conditional {@code UpdateItem}; a lost race answers with the item that won it
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so no second read is needed to learn who holds a notice.
 */
public final class DynamoDbNotices implements NoticeStore {

    /**
     * Free, or claimed by a delivery whose lease has ended by :now (fixed-width timestamps compare as instants); a
     * released claim's lease ends the moment it is released.
     */
    private static final String FREE = "attribute_not_exists(#id) OR (#st = :sending AND #lease <= :now)";
    private static final Map<String, String> NAMES = Map.of("#id", NOTICE_ID, "#st", STATUS, "#lease", LEASE_UNTIL,
            "#tenant", TENANT_ID, "#family", FAMILY_ID, "#kind", KIND, "#cause", CAUSING_EVENT_ID,
            "#upd", UPDATED_AT);
    private static final String IDENTITY = "#tenant = :tenant, #family = :family, #kind = :kind, #cause = :cause";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbNotices(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public NoticeClaim claim(NoticeKey key, Instant now, Instant leaseUntil) {
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("#att", ATTEMPTS);
        Map<String, AttributeValue> values = new HashMap<>(identity(key));
        values.putAll(Map.of(":sending", EventItems.s(status(Notice.Status.SENDING)),
                ":now", EventItems.s(Timestamps.format(now)), ":until", EventItems.s(Timestamps.format(leaseUntil)),
                ":one", EventItems.n(1)));
        return write(key.noticeId(), "SET " + IDENTITY + ", #st = :sending, #lease = :until, #upd = :now ADD #att :one",
                names, values);
    }

    @Override
    public NoticeClaim skip(NoticeKey key, String reason, Instant now) {
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("#reason", REASON);
        Map<String, AttributeValue> values = new HashMap<>(identity(key));
        values.putAll(Map.of(":sending", EventItems.s(status(Notice.Status.SENDING)),
                ":skipped", EventItems.s(status(Notice.Status.SKIPPED)), ":now", EventItems.s(Timestamps.format(now)),
                ":reason", EventItems.s(reason)));
        return write(key.noticeId(), "SET " + IDENTITY + ", #st = :skipped, #reason = :reason, #upd = :now",
                names, values);
    }

    private NoticeClaim write(String noticeId, String update, Map<String, String> names,
                              Map<String, AttributeValue> values) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(request -> request.tableName(table)
                    .key(key(noticeId)).updateExpression(update).conditionExpression(FREE)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return new NoticeClaim.Claimed(notice(after));
        } catch (ConditionalCheckFailedException taken) {
            return new NoticeClaim.Taken(notice(taken.item()));
        }
    }

    @Override
    public void markSent(String noticeId, String providerMessageId, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(noticeId))
                    .updateExpression("SET #st = :sent, #msg = :msg, #upd = :now REMOVE #lease")
                    .conditionExpression("#st = :sending")
                    .expressionAttributeNames(Map.of("#st", STATUS, "#msg", PROVIDER_MESSAGE_ID, "#upd", UPDATED_AT,
                            "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":sent", EventItems.s(status(Notice.Status.SENT)),
                            ":msg", EventItems.s(providerMessageId), ":now", EventItems.s(Timestamps.format(now)),
                            ":sending", EventItems.s(status(Notice.Status.SENDING)))));
        } catch (ConditionalCheckFailedException twinSentFirst) {
            // a delivery that took an expired lease over sent it too (the provider then has two): its record stands
        }
    }

    @Override
    public void markRecorded(String noticeId, Instant now) {
        update(noticeId, "SET #st = :recorded, #upd = :now",
                Map.of("#st", STATUS, "#upd", UPDATED_AT),
                Map.of(":recorded", EventItems.s(status(Notice.Status.RECORDED)),
                        ":now", EventItems.s(Timestamps.format(now))));
    }

    @Override
    public void release(String noticeId, String reason, Instant now) {
        // Only a notice still being sent: a twin delivery may have sent it meanwhile, and that stands.
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(noticeId))
                    .updateExpression("SET #lease = :now, #reason = :reason, #upd = :now")
                    .conditionExpression("#st = :sending")
                    .expressionAttributeNames(Map.of("#lease", LEASE_UNTIL, "#reason", REASON, "#upd", UPDATED_AT,
                            "#st", STATUS))
                    .expressionAttributeValues(Map.of(":now", EventItems.s(Timestamps.format(now)),
                            ":reason", EventItems.s(reason),
                            ":sending", EventItems.s(status(Notice.Status.SENDING)))));
        } catch (ConditionalCheckFailedException decidedMeanwhile) {
            // sent by the delivery that took the lease over: nothing to release
        }
    }

    @Override
    public void markFailed(String noticeId, String reason, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(noticeId))
                    .updateExpression("SET #st = :failed, #reason = :reason, #upd = :now REMOVE #lease")
                    .conditionExpression("#st = :sending")
                    .expressionAttributeNames(Map.of("#st", STATUS, "#reason", REASON, "#upd", UPDATED_AT,
                            "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":failed", EventItems.s(status(Notice.Status.FAILED)),
                            ":reason", EventItems.s(reason), ":now", EventItems.s(Timestamps.format(now)),
                            ":sending", EventItems.s(status(Notice.Status.SENDING)))));
        } catch (ConditionalCheckFailedException decidedMeanwhile) {
            // a twin delivery sent it: that stands
        }
    }

    @Override
    public List<Notice> recent(String tenantId, int limit) {
        return dynamo.query(request -> request.tableName(table).indexName(BY_TENANT_INDEX)
                        .keyConditionExpression("#tenant = :tenant")
                        .expressionAttributeNames(Map.of("#tenant", TENANT_ID))
                        .expressionAttributeValues(Map.of(":tenant", EventItems.s(tenantId)))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(NoticeItems::notice).toList();
    }

    private void update(String noticeId, String expression, Map<String, String> names,
                        Map<String, AttributeValue> values) {
        dynamo.updateItem(request -> request.tableName(table).key(key(noticeId)).updateExpression(expression)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }
}
