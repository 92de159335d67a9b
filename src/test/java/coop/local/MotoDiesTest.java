package coop.local;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run when its DynamoDB dies: {@code /health} says 503 and every call answers 503 {@code unavailable}
 * at once, never a hang. The local server runs on a moto of this test's own, which the test kills.
 */
@QuarkusTest
@TestProfile(MotoDiesTest.OwnMoto.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotoDiesTest {

    public static class OwnMoto implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String endpoint = DisposableMoto.get().endpoint();
            // Short limits, so that the paused moto below costs the test seconds, not the test profile's minute.
            return Map.of("quarkus.dynamodb.endpoint-override", endpoint, "coop.feed.endpoint-override", endpoint,
                    "quarkus.dynamodb.api-call-attempt-timeout", "3S", "quarkus.dynamodb.api-call-timeout", "6S");
        }
    }

    @Inject
    LocalApiServer server;

    /** Any answer must come well within this; a hang fails the test instead of stalling the build. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String tenant = Tokens.newTenant();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        String token = Tokens.unsigned("{\"sub\":\"sarah\",\"tenant_id\":\"" + tenant + "\",\"roles\":[\"coordinator\"]}");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String ENROL = """
            {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
              "event_data": {"family_name": "Martinez", "enrollment_date": "2024-09-01"}}]}""";

    private static void assertUnavailable(HttpResponse<String> call) throws Exception {
        assertThat(call.statusCode()).as(call.body()).isEqualTo(503);
        assertThat(Json.mapper().readTree(call.body()).path("error").asText()).isEqualTo("unavailable");
    }

    @Test
    @Order(1)
    void a_hung_moto_costs_a_call_its_time_limit_then_503_and_the_run_recovers_when_it_answers_again()
            throws Exception {
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);

        DisposableMoto.get().pause();
        try {
            assertUnavailable(send("GET", "/aggregates/Family/garcia", null));
            assertThat(send("GET", "/health", null).statusCode()).isEqualTo(503);
        } finally {
            DisposableMoto.get().resume();
        }

        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/aggregates/Family/garcia/events", ENROL).statusCode()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void when_moto_dies_health_turns_503_and_calls_answer_503_unavailable() throws Exception {
        String enrol = ENROL;
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/aggregates/Family/martinez/events", enrol).statusCode()).isEqualTo(201);

        DisposableMoto.get().kill();

        HttpResponse<String> health = send("GET", "/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode report = Json.mapper().readTree(health.body());
        assertThat(report.path("status").asText()).isEqualTo("unavailable");
        assertThat(report.path("checks").path("dynamodb").asBoolean(true)).isFalse();
        assertUnavailable(send("POST", "/aggregates/Family/lopez/events", enrol));
        assertUnavailable(send("GET", "/aggregates/Family/martinez", null));
        assertUnavailable(send("GET", "/events?event_type=FamilyEnrolled", null));
    }
}
