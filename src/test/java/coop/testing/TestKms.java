package coop.testing;

import coop.local.LocalKmsKey;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.net.URI;
import java.util.List;

/** The real KMS API of the test server (moto serves it on the DynamoDB endpoint), with the data keys' KMS key. */
public final class TestKms {

    public static final String KEY_ALIAS = "alias/coop-data-keys";

    private TestKms() {
    }

    public static KmsClient client(ExecutionInterceptor... interceptors) {
        KmsClient kms = KmsClient.builder()
                .endpointOverride(URI.create(TestDynamo.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(config -> config.executionInterceptors(List.of(interceptors)))
                .build();
        LocalKmsKey.ensure(kms, KEY_ALIAS);
        return kms;
    }
}
