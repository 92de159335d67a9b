package coop.observability;

import coop.local.LocalApiServer;
import coop.testing.CapturedLogs;
import coop.testing.Emf;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP request writes one log line with ids only and one EMF document per route, through the local server,
 * the real functions and the embedded moto: what CloudWatch would receive from Lambda's stdout.
 */
@QuarkusTest
class RequestMetricsTest {

    private static final String APPEND_ROUTE = "POST /aggregates/{aggregate_type}/{aggregate_id}/events";

    @Inject
    LocalApiServer server;

    @ConfigProperty(name = "coop.metrics.namespace")
    String namespace;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = Tokens.newTenant();
    private final String family = "martinez-" + UUID.randomUUID().toString().substring(0, 8);

    private int post(String body) throws Exception {
        String token = Tokens.unsigned("{\"sub\":\"sarah\",\"tenant_id\":\"" + tenant + "\",\"roles\":[\"coordinator\"]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/aggregates/Family/" + family + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + token).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static Emf routeDocument(CapturedLogs logs) {
        List<Emf> documents = Emf.all(logs.metricDocuments()).stream().filter(d -> d.has("Requests")).toList();
        assertThat(documents).hasSize(1);
        return documents.getFirst();
    }

    @Test
    void an_append_is_counted_with_its_events_and_dynamodb_requests_per_operation() throws Exception {
        try (CapturedLogs logs = new CapturedLogs("coop.metrics", "coop.http")) {
            int status = post("""
                    {"expected_version": 0, "correlation_id": "enrol-1", "events": [
                      {"event_id": "%1$s-enrolled", "event_type": "FamilyEnrolled",
                       "event_data": {"family_name": "Martinez", "enrollment_date": "2024-09-01", "parent_name": "Ana Martinez"}},
                      {"event_id": "%1$s-child", "event_type": "ChildAdded",
                       "event_data": {"child_name": "Sofia", "age": 8, "grade": 3}}]}""".formatted(family));

            assertThat(status).isEqualTo(201);
            Emf request = routeDocument(logs);
            assertThat(request.namespace()).isEqualTo(namespace);
            assertThat(request.dimensionSets()).containsExactly(List.of("Route"), List.of());
            assertThat(request.dimension("Route")).isEqualTo(APPEND_ROUTE);
            assertThat(request.metricNames()).contains("Requests", "Latency", "ClientErrors", "ServerErrors",
                    "Appends", "Events");
            assertThat(request.value("Events")).isEqualTo(2);
            assertThat(request.value("ServerErrors")).isZero();
            assertThat(request.unit("Latency")).isEqualTo("Milliseconds");

            List<Emf> dynamo = Emf.all(logs.metricDocuments()).stream().filter(d -> d.has("DynamoDbRequests")).toList();
            assertThat(dynamo).allSatisfy(d -> assertThat(d.dimensionSets()).containsExactly(List.of("Operation"), List.of()));
            assertThat(dynamo).extracting(d -> d.dimension("Operation")).contains("TransactWriteItems");

            CapturedLogs.Line line = logs.lines("coop.http").getLast();
            assertThat(line.mdc()).containsEntry("route", APPEND_ROUTE).containsEntry("status", "201")
                    .containsEntry("tenant", tenant).containsEntry("correlation_id", "enrol-1")
                    .containsEntry("event_ids", family + "-enrolled," + family + "-child").containsKey("latency_ms");
            assertThat(line.message()).contains(APPEND_ROUTE, "201", "tenant=" + tenant);
            assertThat(line.message() + line.mdc()).as("no personal data").doesNotContain("Martinez", "Ana", "Sofia");
        }
    }

    @Test
    void conflicts_and_rule_violations_are_counted_as_client_errors_of_their_route() throws Exception {
        post("""
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
                  "event_data": {"family_name": "Martinez", "enrollment_date": "2024-09-01"}}]}""");
        try (CapturedLogs logs = new CapturedLogs("coop.metrics", "coop.http")) {
            int conflict = post("""
                    {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
                      "event_data": {"family_name": "Martinez", "enrollment_date": "2024-09-02"}}]}""");

            assertThat(conflict).isEqualTo(409);
            Emf request = routeDocument(logs);
            assertThat(request.value("Conflicts")).isEqualTo(1);
            assertThat(request.value("ClientErrors")).isEqualTo(1);
            assertThat(request.has("Appends")).isFalse();
            assertThat(logs.lines("coop.http").getLast().mdc()).containsEntry("error", "concurrency_conflict");
        }
        try (CapturedLogs logs = new CapturedLogs("coop.metrics")) {
            int violation = post("""
                    {"expected_version": 1, "events": [{"event_type": "VacationEnded",
                      "event_data": {"end_date": "2024-10-01"}}]}""");

            assertThat(violation).isEqualTo(422);
            Emf request = routeDocument(logs);
            assertThat(request.value("RuleViolations")).isEqualTo(1);
            assertThat(request.value("ClientErrors")).isEqualTo(1);
        }
    }
}
