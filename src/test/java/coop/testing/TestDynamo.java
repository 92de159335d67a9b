package coop.testing;

import coop.local.EmbeddedMoto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.List;

/**
 * The DynamoDB-compatible server the tests talk to, through the real AWS SDK: this JVM's moto server by default, or
 * whatever {@code coop.test.dynamodb-endpoint} names (e.g. a LocalStack started by {@link LocalStackBackend}).
 */
public final class TestDynamo {

    private TestDynamo() {
    }

    public static String endpoint() {
        String configured = System.getProperty("coop.test.dynamodb-endpoint");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return LocalStackBackend.requested() ? LocalStackBackend.endpoint() : EmbeddedMoto.endpoint();
    }

    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(config -> config.executionInterceptors(List.of(interceptors)))
                .build();
    }

    public static DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
