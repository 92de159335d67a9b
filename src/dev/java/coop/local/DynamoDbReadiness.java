package coop.local;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;

/**
 * {@code /health} asks DynamoDB (the embedded moto, or whatever endpoint is configured) for one table name, with a
 * short time limit: when moto has died, the local run says so with a 503 instead of answering 200 to a dead store.
 */
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class DynamoDbReadiness implements LocalReadiness {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private final DynamoDbClient dynamo;

    DynamoDbReadiness(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public boolean ready() {
        try {
            dynamo.listTables(request -> request.limit(1)
                    .overrideConfiguration(call -> call.apiCallTimeout(LIMIT).apiCallAttemptTimeout(LIMIT)));
            return true;
        } catch (SdkException unreachable) {
            return false;
        }
    }
}
