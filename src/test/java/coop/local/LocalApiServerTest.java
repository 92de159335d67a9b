package coop.local;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local server end to end: real HTTP, real tokens, the same function beans Lambda calls. */
@QuarkusTest
class LocalApiServerTest {

    @Inject
    LocalApiServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = Tokens.newTenant();

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String coordinator() {
        return Tokens.unsigned("{\"sub\":\"sarah\",\"tenant_id\":\"" + tenant + "\",\"roles\":[\"coordinator\"]}");
    }

    @Test
    void health_is_ready_once_every_local_part_is() throws Exception {
        HttpResponse<String> health = send("GET", "/health", null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("checks").path("local-http-server").asBoolean()).isTrue();
    }

    @Test
    void the_openapi_description_is_served_without_a_token() throws Exception {
        HttpResponse<String> document = send("GET", "/openapi.yaml", null, null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("content-type")).hasValue("application/yaml; charset=utf-8");
        assertThat(document.body()).startsWith("openapi: 3.0.3\n").contains("/aggregates/{aggregate_type}/{aggregate_id}/events:");
    }

    @Test
    void martinez_enrolment_is_stored_and_read_back_over_http() throws Exception {
        HttpResponse<String> enrolled = send("POST", "/aggregates/Family/martinez/events", coordinator(), """
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "Martinez", "enrollment_date": "2024-09-01"}}]}
                """);
        HttpResponse<String> loaded = send("GET", "/aggregates/Family/martinez?version=1", coordinator(), null);

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        assertThat(enrolled.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(loaded.body()).path("state").path("family_name").asText()).isEqualTo("Martinez");
    }

    @Test
    void requests_without_a_token_are_unauthenticated() throws Exception {
        HttpResponse<String> answer = send("GET", "/events?event_type=FamilyEnrolled", null, null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(answer.body()).path("error").asText()).isEqualTo("unauthenticated");
    }

    @Test
    void unknown_routes_answer_404_as_json() throws Exception {
        HttpResponse<String> answer = send("DELETE", "/aggregates/Family/martinez", coordinator(), null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(answer.body()).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void percent_encoded_injection_in_the_path_is_refused() throws Exception {
        HttpResponse<String> answer = send("GET", "/aggregates/Family/%27%20OR%201%3D1/events", coordinator(), null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(answer.body()).path("details").get(0).path("field").asText())
                .isEqualTo("aggregate_id");
    }

    @Test
    void a_token_whose_tenant_is_not_a_string_is_unauthenticated_as_in_aws() throws Exception {
        for (String tenantClaim : List.of("null", "42", "true", "{\"id\":\"x\"}", "[\"" + tenant + "\"]")) {
            String token = Tokens.unsigned("{\"sub\":\"sarah\",\"tenant_id\":" + tenantClaim
                    + ",\"roles\":[\"coordinator\"]}");
            HttpResponse<String> answer = send("POST", "/aggregates/Family/ghost/events", token, """
                    {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
                     "event_data": {"family_name": "Ghost", "enrollment_date": "2024-09-01"}}]}
                    """);

            assertThat(answer.statusCode()).as(tenantClaim + ": " + answer.body()).isEqualTo(401);
            assertThat(Json.mapper().readTree(answer.body()).path("error").asText()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void every_api_route_is_in_the_route_table() {
        assertThat(server.routeKeys()).contains(
                "POST /aggregates/{aggregate_type}/{aggregate_id}/events",
                "GET /aggregates/{aggregate_type}/{aggregate_id}",
                "GET /aggregates/{aggregate_type}/{aggregate_id}/events",
                "GET /aggregates/{aggregate_type}/{aggregate_id}/explain",
                "GET /events",
                "GET /events/{event_id}",
                "POST /correlations/{correlation_id}/revert");
    }

    @Test
    void a_junk_page_token_gets_the_apis_json_400_as_a_raw_request_line_and_in_a_valid_uri() throws Exception {
        String query = "/events?event_type=PaymentDue&since=2024-01-01T00:00:00Z&page_token=";
        String raw;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + query + "%%% HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + coordinator()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpResponse<String> escaped = send("GET", query + "%25%25%25", coordinator(), null);

        assertThat(raw).startsWith("HTTP/1.1 400 ");
        assertThat(raw.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        JsonNode rawBody = Json.mapper().readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        assertThat(rawBody.path("error").asText()).isEqualTo("invalid_request");
        assertThat(rawBody.toString()).contains("page_token");
        assertThat(escaped.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(escaped.body()).path("error").asText()).isEqualTo("invalid_request");
        assertThat(escaped.body()).contains("page_token");
        HttpResponse<String> listing = send("GET", "/events?event_type=PaymentDue&since=2024-01-01T00:00:00Z",
                coordinator(), null);
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(listing.body()).path("events")).as("nothing stored").isEmpty();
    }
}
