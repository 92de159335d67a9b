package coop.config;

import coop.app.AggregateTypes;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.dynamodb.PersonalData;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Clock;

/** Wires the KMS client, the key cache and the store's personal-data sealing into CDI, once per container. */
public class KeyBeans {

    @Produces
    @Singleton
    KmsClient kms(KeySettings keys) {
        var builder = KmsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(keys.connectionTimeout()).socketTimeout(keys.socketTimeout()))
                .overrideConfiguration(config -> config.apiCallTimeout(keys.apiCallTimeout())
                        .apiCallAttemptTimeout(keys.apiCallAttemptTimeout()));
        keys.region().map(Region::of).ifPresent(builder::region);
        keys.endpointOverride().ifPresent(builder::endpointOverride);
        if (keys.accessKeyId().isPresent() && keys.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId().get(), keys.secretAccessKey().get())));
        }
        return builder.build();
    }

    void closeKms(@Disposes KmsClient client) {
        client.close();
    }

    @Produces
    @Singleton
    PersonalData personalData(DynamoDbClient dynamo, TableNames tables, KmsClient kms, KeySettings keys,
                              AggregateTypes types, Clock clock) {
        return new PersonalData(dynamo, tables.keys(), new KmsDataKeys(kms, keys.kmsKeyId()),
                new KeyCache(clock, keys.cacheTtl()), types.personalFields(), clock);
    }
}
