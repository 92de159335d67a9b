package coop.config;

import coop.app.Json;
import coop.store.dynamodb.EventItems;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * SnapStart priming: before Lambda takes the snapshot of an initialised function, sends one DynamoDB request and
 * runs Jackson once, so that the SDK's endpoint rules, signer, HTTP client and marshallers, and Jackson's
 * serializers, are loaded and initialised in the snapshot instead of on the first call after every restore. The
 * request may be refused (a function's role allows only what it uses): any answer primes the same code. Without
 * SnapStart it still builds the DynamoDB client during init rather than on the first call.
 */
@Startup
@Singleton
@IfBuildProfile("prod")
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    SnapStartPriming(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        // The client bean is a lazy proxy: asking it for its configuration builds the client now, in Lambda's init
        // phase (full CPU, and inside the snapshot), instead of on the first call (AWS' advice for SDK clients).
        dynamo.serviceClientConfiguration();
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            dynamo.query(request -> request.tableName(tables.events()).limit(1)
                    .keyConditionExpression(EventItems.STREAM_ID + " = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("snapstart#priming#none"))));
        } catch (RuntimeException refusedOrUnreachable) {
            LOG.debugf("SnapStart priming request answered %s", refusedOrUnreachable.toString());
        }
        try {
            Json.mapper().readTree(Json.mapper().writeValueAsString(Map.of("primed", true)));
        } catch (Exception e) {
            LOG.debugf("SnapStart priming of Jackson failed: %s", e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: a kept-alive connection that did not survive the snapshot fails once, and the SDK's
        // retry opens a new one.
    }
}
