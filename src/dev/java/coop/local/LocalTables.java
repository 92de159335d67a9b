package coop.local;

import coop.config.TableNames;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;

/**
 * Creates the template's tables on the local DynamoDB (embedded moto or LocalStack) at start-up, so that
 * {@code ./mvnw quarkus:dev} works on a fresh machine with no setup step. Never part of a production build.
 */
@Startup
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalTables {

    private static final Logger LOG = Logger.getLogger(LocalTables.class);

    LocalTables(DynamoDbClient dynamo, TableNames tables) {
        TableDefinitions definitions = TableDefinitions.fromClasspath();
        Map<String, String> names = Map.of(
                "EventsTable", tables.events(),
                "EventIdsTable", tables.eventIds(),
                "SnapshotsTable", tables.snapshots(),
                "ReadModelsTable", tables.readModels(),
                "CheckpointsTable", tables.checkpoints(),
                "KeysTable", tables.keys(),
                "NoticesTable", tables.notices());
        for (String logicalId : definitions.logicalIds()) {
            String name = names.get(logicalId);
            if (name == null) {
                throw new IllegalStateException("infra/template.yaml defines " + logicalId + ", which no coop.tables.* names");
            }
            definitions.create(dynamo, logicalId, name);
        }
        LOG.infof("Local tables ready: %s", names.values());
    }
}
