package coop.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.store.StoreBusy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared HTTP layer on its own: role claims, route matching, and the generic 500. */
class HttpLayerTest {

    @Test
    void roles_are_read_in_every_shape_api_gateway_passes_them() {
        assertThat(Callers.roles("[coordinator admin]")).containsExactlyInAnyOrder(Role.COORDINATOR, Role.ADMIN);
        assertThat(Callers.roles("[\"auditor\",\"family\"]")).containsExactlyInAnyOrder(Role.AUDITOR, Role.FAMILY);
        assertThat(Callers.roles("coordinator auditor")).containsExactlyInAnyOrder(Role.COORDINATOR, Role.AUDITOR);
        assertThat(Callers.roles("coordinator,admin")).containsExactlyInAnyOrder(Role.COORDINATOR, Role.ADMIN);
        // Exact names only: near misses are no role at all.
        assertThat(Callers.roles("Coordinator,ADMIN")).isEmpty();
        assertThat(Callers.roles("[\"ADMIN \",\"adm\u0131n\",\"admin\\u0000\",\" admin\"]")).isEmpty();
        assertThat(Callers.roles("[superuser]")).isEmpty();
        assertThat(Callers.roles(null)).isEmpty();
    }

    @Test
    void route_templates_match_encoded_paths_and_decode_parameters() {
        Route route = Route.of("GET /aggregates/{aggregate_type}/{aggregate_id}/events");

        assertThat(route.match("GET", "/aggregates/Family/a%23b/events")).contains(
                Map.of("aggregate_type", "Family", "aggregate_id", "a#b"));
        assertThat(route.match("GET", "/aggregates/Family/a+b/events").orElseThrow().get("aggregate_id")).isEqualTo("a+b");
        assertThat(route.match("POST", "/aggregates/Family/x/events")).isEmpty();
        assertThat(route.match("GET", "/aggregates/Family/x")).isEmpty();
        assertThat(route.match("GET", "/aggregates/Family//events")).isEmpty();
    }

    @Test
    void a_transaction_dynamodb_cancelled_for_throttling_answers_503_like_any_throttled_call() {
        // What the SDK throws when DynamoDB cancels an append's TransactWriteItems for throttling: a 400 that the
        // SDK does not retry, with the reason per action. Nothing was written, so the client may simply retry.
        for (String code : new String[]{"ThrottlingError", "ProvisionedThroughputExceeded"}) {
            TransactionCanceledException throttled = (TransactionCanceledException) TransactionCanceledException
                    .builder().statusCode(400).message("Transaction cancelled")
                    .cancellationReasons(CancellationReason.builder().code("None").build(),
                            CancellationReason.builder().code(code).message("Throughput exceeds the limit").build())
                    .build();

            APIGatewayV2HTTPResponse response = HttpAdapter.error(throttled);

            assertThat(response.getStatusCode()).as(code).isEqualTo(503);
            assertThat(response.getBody()).contains("\"error\":\"unavailable\"");
        }
    }

    @Test
    void a_batch_dynamodb_kept_leaving_unprocessed_answers_503_not_500() {
        APIGatewayV2HTTPResponse response = HttpAdapter.error(new StoreBusy("DynamoDB left items unprocessed"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"error\":\"unavailable\"");
    }

    @Test
    void unexpected_failures_answer_a_generic_500_without_details() {
        APIGatewayV2HTTPResponse response = HttpAdapter.error(new IllegalStateException("table secret-table is gone"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("\"error\":\"internal_error\"").doesNotContain("secret-table")
                .doesNotContain("IllegalStateException");
    }
}
