package coop.nativeimage;

import coop.testing.TestDynamo;
import coop.testing.TestTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the native functions run against: the tests' embedded moto with a fresh set of the template's tables and an
 * EventBridge bus for the feed, and the environment the template would give each function.
 */
final class NativeBackend implements AutoCloseable {

    private final DynamoDbClient dynamo = TestDynamo.client();
    private final TestTables tables = TestTables.create(dynamo);
    private final String bus = "native-it-" + UUID.randomUUID().toString().substring(0, 8);

    NativeBackend() {
        try (EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(URI.create(TestDynamo.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            eventBridge.createEventBus(request -> request.name(bus));
        }
    }

    /** The environment of every function: tables, endpoints, the bus and the metrics namespace. */
    Map<String, String> environment() {
        String endpoint = TestDynamo.endpoint();
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint,
                "COOP_FEED_ENDPOINT_OVERRIDE", endpoint,
                "COOP_EVENT_BUS_NAME", bus,
                "COOP_METRICS_NAMESPACE", "Coop/native-it"));
        env.put("COOP_TABLES_EVENTS", tables.name("EventsTable"));
        env.put("COOP_TABLES_EVENT_IDS", tables.name("EventIdsTable"));
        env.put("COOP_TABLES_SNAPSHOTS", tables.name("SnapshotsTable"));
        env.put("COOP_TABLES_READ_MODELS", tables.name("ReadModelsTable"));
        env.put("COOP_TABLES_CHECKPOINTS", tables.name("CheckpointsTable"));
        return env;
    }

    String eventsStreamArn() {
        return dynamo.describeTable(request -> request.tableName(tables.name("EventsTable"))).table().latestStreamArn();
    }

    /** Every record of the events table's stream so far, read with a fresh iterator (moto's older ones go stale). */
    List<Record> streamRecords() {
        List<Record> records = new ArrayList<>();
        try (DynamoDbStreamsClient streams = TestDynamo.streamsClient()) {
            String arn = eventsStreamArn();
            var shards = streams.describeStream(request -> request.streamArn(arn)).streamDescription().shards();
            for (var shard : shards) {
                String iterator = streams.getShardIterator(request -> request.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = streams.getRecords(request -> request.shardIterator(current));
                    records.addAll(page.records());
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
        }
        return records;
    }

    @Override
    public void close() {
        TestTables.cleanUp(tables, dynamo);
    }
}
