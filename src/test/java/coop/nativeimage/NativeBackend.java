package coop.nativeimage;

import coop.testing.TestDynamo;
import coop.testing.TestKms;
import coop.testing.TestTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the native functions run against: the tests' embedded moto with a fresh set of the template's tables, an
 * EventBridge bus for the feed and a KMS key for the data keys, and the environment the template gives each function
 * ({@link TemplateEnvironment}) with the endpoints pointed at moto.
 */
final class NativeBackend implements AutoCloseable {

    private static final TemplateEnvironment TEMPLATE = TemplateEnvironment.fromClasspath();

    private final DynamoDbClient dynamo = TestDynamo.client();
    private final TestTables tables = TestTables.create(dynamo);
    private final String bus = "native-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String dataKeysKeyArn;

    NativeBackend() {
        try (EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(URI.create(TestDynamo.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            eventBridge.createEventBus(request -> request.name(bus));
        }
        // The template's DataKeysKey: a key of this backend's own, passed by ARN as the template passes it.
        try (KmsClient kms = TestKms.client()) {
            dataKeysKeyArn = kms.createKey(request -> request.description("native tests' data keys"))
                    .keyMetadata().arn();
        }
    }

    /** The environment of every function: the template's, on this backend's resources, with moto's endpoints. */
    Map<String, String> environment() {
        Map<String, String> physical = new HashMap<>(tables.names());
        physical.put("FeedBus", bus);
        physical.put("DataKeysKey.Arn", dataKeysKeyArn);
        Map<String, String> env = new HashMap<>(TEMPLATE.resolve(physical, "native-it"));
        String endpoint = TestDynamo.endpoint();
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint);
        env.put("COOP_FEED_ENDPOINT_OVERRIDE", endpoint);
        env.put("COOP_KEYS_ENDPOINT_OVERRIDE", endpoint);
        env.put("COOP_NOTIFICATIONS_ENDPOINT_OVERRIDE", endpoint);
        return env;
    }

    /** The items of one of the template's tables, e.g. to check that personal data is stored only sealed. */
    List<Map<String, AttributeValue>> items(String logicalId) {
        return dynamo.scan(request -> request.tableName(tables.name(logicalId))).items();
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
