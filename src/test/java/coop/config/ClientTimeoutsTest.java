package coop.config;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** No AWS call may wait forever: both clients carry a per-attempt and a per-call time limit from the config. */
@QuarkusTest
class ClientTimeoutsTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    EventBridgeClient eventBridge;

    @Test
    void the_dynamodb_and_eventbridge_clients_have_call_and_attempt_time_limits() {
        ClientOverrideConfiguration dynamoConfig = dynamo.serviceClientConfiguration().overrideConfiguration();
        assertThat(dynamoConfig.apiCallAttemptTimeout()).hasValue(Duration.ofSeconds(30));
        assertThat(dynamoConfig.apiCallTimeout()).hasValue(Duration.ofSeconds(60));
        ClientOverrideConfiguration feedConfig = eventBridge.serviceClientConfiguration().overrideConfiguration();
        assertThat(feedConfig.apiCallAttemptTimeout()).hasValue(Duration.ofSeconds(3));
        assertThat(feedConfig.apiCallTimeout()).hasValue(Duration.ofSeconds(10));
    }
}
