package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kms.model.KmsException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts towards parking: only the same event failing, within the hour, with an error a retry would meet
 * again and that is the family's own. Throttling, 503s and a deployment's faults are retried for as long as Lambda
 * retries and never park a family.
 */
class ParkingCountTest extends ParkingTest {

    @Test
    void throttling_and_503s_are_retried_for_as_long_as_they_last_and_never_park() {
        enroll("throttled", "Throttled Family");
        deliverAll();
        faultyFamily = "throttled";
        fault = () -> (RuntimeException) DynamoDbException.builder().statusCode(503).message("Service unavailable")
                .build();
        broken(true);
        due("throttled", 450, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();

        List<List<String>> answers = deliverAsLambda(batch);

        assertThat(answers).hasSize(MAX_DELIVERIES).allSatisfy(answer -> assertThat(answer).hasSize(1));
        assertThat(parking.parkedEverywhere()).isEmpty();
        broken(false);
        assertThat(deliverAsLambda(batch)).containsExactly(List.of());
        assertThat(summary("throttled")).isEqualTo(expectedSummary("throttled"));
    }

    @Test
    void a_deployment_fault_that_every_family_would_meet_never_parks_a_family() {
        enroll("denied", "Denied Family");
        deliverAll();
        faultyFamily = "denied";
        fault = () -> (RuntimeException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform dynamodb:BatchWriteItem").build()).build();
        broken(true);
        due("denied", 450, "2024-10-01");

        assertThat(deliverAsLambda(newRecords())).hasSize(MAX_DELIVERIES)
                .allSatisfy(answer -> assertThat(answer).hasSize(1));
        assertThat(parking.parkedEverywhere()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DisabledException", "KMSInvalidStateException", "NotFoundException",
            "AccessDeniedException"})
    void a_kms_key_disabled_pending_deletion_gone_or_denied_never_parks_a_family(String kmsError) {
        enroll("unkeyed", "Unkeyed Family");
        deliverAll();
        faultyFamily = "unkeyed";
        fault = () -> (RuntimeException) KmsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(kmsError).serviceName("Kms")
                        .errorMessage("the data keys' KMS key cannot be used").build()).build();
        broken(true);
        due("unkeyed", 450, "2024-10-01");

        assertThat(deliverAsLambda(newRecords())).hasSize(MAX_DELIVERIES)
                .allSatisfy(answer -> assertThat(answer).hasSize(1));
        assertThat(parking.parkedEverywhere()).isEmpty();
    }

    @Test
    void failures_on_different_events_do_not_add_up() {
        enroll("lee", "Lee Family");
        deliverAll();
        faultyFamily = "lee";
        broken(true);
        due("lee", 100, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> first = newRecords();
        assertThat(deliverThroughParking(first)).hasSize(1);
        assertThat(deliverThroughParking(first)).hasSize(1);
        broken(false);
        assertThat(deliverThroughParking(first)).isEmpty(); // it went through on the third delivery
        broken(true);
        due("lee", 100, "2024-10-02");

        assertThat(deliverThroughParking(newRecords())).as("a new event's first failure: retried").hasSize(1);
        assertThat(parking.find(family("lee"))).isEmpty();
    }

    @Test
    void failures_more_than_an_hour_apart_do_not_add_up() {
        enroll("kim", "Kim Family");
        deliverAll();
        faultyFamily = "kim";
        broken(true);
        due("kim", 100, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        deliverThroughParking(batch);
        deliverThroughParking(batch);
        clock.advance(Duration.ofHours(2));

        assertThat(deliverThroughParking(batch)).as("the third failure, two hours after the others").hasSize(1);
        assertThat(parking.find(family("kim"))).isEmpty();
        assertThat(deliverThroughParking(batch)).hasSize(1);
        assertThat(deliverThroughParking(batch)).as("three within the hour").isEmpty();
        assertThat(parking.find(family("kim"))).isPresent();
    }
}
