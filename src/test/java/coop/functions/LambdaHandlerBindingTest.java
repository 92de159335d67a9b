package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hands a real API Gateway payload-2.0 event, as JSON, to Funqy's Lambda handler, which passes it to the exported
 * function (appendEvents in the test profile) through Funqy's own JSON binding: proof that Funqy reads
 * {@code APIGatewayV2HTTPEvent} (camelCase, {@code isBase64Encoded}, the authorizer's claims) as Lambda sends it.
 * In-process, since the Lambda mock event server is off (it would listen on every interface).
 */
@QuarkusTest
class LambdaHandlerBindingTest {

    private static final String EVENT = """
            {
              "version": "2.0",
              "routeKey": "POST /aggregates/{aggregate_type}/{aggregate_id}/events",
              "rawPath": "/aggregates/Family/lambda-family/events",
              "rawQueryString": "",
              "headers": {"content-type": "application/json", "host": "abc123.execute-api.us-east-1.amazonaws.com"},
              "requestContext": {
                "accountId": "123456789012",
                "apiId": "abc123",
                "authorizer": {"jwt": {"claims": {"sub": "sarah", "tenant_id": "%s", "roles": "[coordinator]",
                  "iat": "1700000000"}, "scopes": null}},
                "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
                "http": {"method": "POST", "path": "/aggregates/Family/lambda-family/events", "protocol": "HTTP/1.1",
                  "sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"},
                "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                "routeKey": "POST /aggregates/{aggregate_type}/{aggregate_id}/events",
                "stage": "$default",
                "time": "26/Nov/2026:12:00:00 +0000",
                "timeEpoch": 1795694400000
              },
              "pathParameters": {"aggregate_type": "Family", "aggregate_id": "lambda-family"},
              "body": %s,
              "isBase64Encoded": false
            }
            """;

    @Test
    void funqy_binds_an_api_gateway_event_handed_to_its_lambda_handler() throws Exception {
        String body = "{\"expected_version\": 0, \"events\": [{\"event_type\": \"FamilyEnrolled\", "
                + "\"event_data\": {\"family_name\": \"Lambda\", \"enrollment_date\": \"2024-09-01\"}}]}";
        String event = EVENT.formatted(Tokens.newTenant(), Json.mapper().writeValueAsString(body));

        JsonNode lambdaAnswer = Json.mapper().readTree(FunqyHandler.invoke(event));
        assertThat(lambdaAnswer.path("statusCode").asInt()).as(lambdaAnswer.toString()).isEqualTo(201);
        JsonNode apiAnswer = Json.mapper().readTree(lambdaAnswer.path("body").asText());
        assertThat(apiAnswer.path("aggregate_id").asText()).isEqualTo("lambda-family");
        assertThat(apiAnswer.path("aggregate_version").asLong()).isEqualTo(1);
    }
}
