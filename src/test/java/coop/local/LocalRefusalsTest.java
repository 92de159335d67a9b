package coop.local;

import com.fasterxml.jackson.databind.JsonNode;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the local server's HTTP decoder refuses before any function runs get the API's JSON error, with the
 * status that says why, and store nothing.
 */
@QuarkusTest
class LocalRefusalsTest {

    @Inject
    LocalApiServer server;

    private final String tenant = Tokens.newTenant();

    private String coordinator() {
        return Tokens.unsigned("{\"sub\":\"sarah\",\"tenant_id\":\"" + tenant + "\",\"roles\":[\"coordinator\"]}");
    }

    private static final String ENROL = """
            {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
             "event_data": {"family_name": "Refused", "enrollment_date": "2024-09-01"}}]}""";

    private String append(String path, String extraHeader) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + coordinator() + "\r\n"
                + extraHeader + "Content-Type: application/json\r\nContent-Length: " + ENROL.length()
                + "\r\nConnection: close\r\n\r\n" + ENROL;
    }

    @Test
    void a_request_line_over_the_limit_is_a_json_414_and_stores_nothing() throws IOException {
        RawHttp answer = RawHttp.send(server.port(),
                append("/aggregates/Family/refused-line/events?pad=" + "a".repeat(5_000), ""));

        assertThat(answer.status()).as(answer.body()).isEqualTo(414);
        assertJsonError(answer, "uri_too_long");
        assertNotStored("refused-line");
    }

    @Test
    void headers_over_the_limit_are_a_json_431_and_store_nothing() throws IOException {
        RawHttp answer = RawHttp.send(server.port(),
                append("/aggregates/Family/refused-headers/events", "X-Padding: " + "b".repeat(10_000) + "\r\n"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(431);
        assertJsonError(answer, "headers_too_large");
        assertNotStored("refused-headers");
    }

    @Test
    void many_small_headers_over_the_limit_are_a_json_431() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        RawHttp answer = RawHttp.send(server.port(),
                append("/aggregates/Family/refused-many/events", headers.toString()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(431);
        assertJsonError(answer, "headers_too_large");
        assertNotStored("refused-many");
    }

    @Test
    void a_request_that_is_not_http_is_a_json_400() throws IOException {
        for (String junk : new String[]{"GET /health HTTP/1.1\r\nNo colon here\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n"}) {
            RawHttp answer = RawHttp.send(server.port(), junk);

            assertThat(answer.status()).as(junk + answer.body()).isEqualTo(400);
            assertJsonError(answer, "invalid_request");
        }
    }

    @Test
    void an_ordinary_request_on_the_same_server_still_works_after_refusals() throws IOException {
        RawHttp.send(server.port(), append("/aggregates/Family/x/events?pad=" + "a".repeat(5_000), ""));

        RawHttp stored = RawHttp.send(server.port(), append("/aggregates/Family/accepted/events", ""));

        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }

    private static void assertJsonError(RawHttp answer, String code) throws IOException {
        assertThat(answer.head()).contains("content-type: application/json");
        JsonNode body = answer.json();
        assertThat(body.path("error").asText()).as(answer.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).as(answer.body()).isNotBlank();
    }

    private void assertNotStored(String familyId) throws IOException {
        RawHttp load = RawHttp.send(server.port(), "GET /aggregates/Family/" + familyId + " HTTP/1.1\r\nHost: 127.0.0.1"
                + "\r\nAuthorization: Bearer " + coordinator() + "\r\nConnection: close\r\n\r\n");
        assertThat(load.status()).as(load.body()).isEqualTo(404);
        assertJsonError(load, "not_found");
    }
}
