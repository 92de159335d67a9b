package coop.testing;

import coop.store.dynamodb.StoreSettings;
import coop.local.TableDefinitions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh set of the template's tables under a unique prefix, so every test starts empty without resetting the
 * server, and tests never see each other's items.
 */
public record TestTables(Map<String, String> names) {

    public static TestTables create(DynamoDbClient dynamo) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        TableDefinitions definitions = TableDefinitions.fromClasspath();
        Map<String, String> names = new LinkedHashMap<>();
        for (String logicalId : definitions.logicalIds()) {
            String name = prefix + "-" + logicalId;
            definitions.create(dynamo, logicalId, name);
            names.put(logicalId, name);
        }
        return new TestTables(names);
    }

    /** Drops the tables: moto copies every table of the server on each transaction, so leftovers slow every test. */
    public void drop(DynamoDbClient dynamo) {
        names.values().forEach(name -> dynamo.deleteTable(request -> request.tableName(name)));
    }

    /**
     * Drops {@code tables} and closes the clients; nulls are skipped, since a test the backend aborted (LocalStack
     * without Docker) has neither, and its skip should be reported, not an NPE.
     */
    public static void cleanUp(TestTables tables, DynamoDbClient dynamo, AutoCloseable... otherClients) {
        if (tables != null && dynamo != null) {
            tables.drop(dynamo);
        }
        for (AutoCloseable client : otherClients) {
            closeQuietly(client);
        }
        closeQuietly(dynamo);
    }

    private static void closeQuietly(AutoCloseable client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String name(String logicalId) {
        return names.get(logicalId);
    }

    /** The store on these tables; moto on a busy machine may take seconds for a write DynamoDB does in ms. */
    public StoreSettings storeSettings() {
        return new StoreSettings(name("EventsTable"), name("EventIdsTable"), name("SnapshotsTable"),
                Duration.ofSeconds(30));
    }
}
