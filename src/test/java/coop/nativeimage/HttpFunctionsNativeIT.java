package coop.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import coop.testing.ApiCall;
import coop.testing.Emf;
import coop.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native binary's HTTP functions, each started as Lambda starts it (one export per process, API Gateway events
 * through the Runtime API) against the embedded moto: appends with an id conflict and a rule violation, loads latest
 * and as of a moment, history paging and a query, and the JSON log and EMF lines CloudWatch would get.
 */
@ExtendWith(PrintOutputOnFailure.class)
class HttpFunctionsNativeIT {

    private static NativeBackend backend;
    private static NativeFunction append;
    private static NativeFunction load;
    private static NativeFunction query;

    private final String tenant = Tokens.newTenant();
    private final String family = "native-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        backend = new NativeBackend();
        append = new NativeFunction("appendEvents", backend.environment());
        load = new NativeFunction("loadAggregate", backend.environment());
        query = new NativeFunction("queryEvents", backend.environment());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {append, load, query, backend}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void an_append_is_stored_and_an_id_conflict_and_a_rule_violation_are_refused_storing_nothing() throws Exception {
        Reply enrolled = appendEvents(0, "enrolled", "FamilyEnrolled",
                "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        assertThat(enrolled.status()).as(enrolled.body().toString()).isEqualTo(201);
        assertThat(enrolled.body().path("aggregate_version").asLong()).isEqualTo(1);

        Reply sameIdOtherContent = appendEvents(1, "enrolled", "ChildAdded", "{\"child_name\": \"Ada\"}");
        assertThat(sameIdOtherContent.status()).as(sameIdOtherContent.body().toString()).isEqualTo(409);
        assertThat(sameIdOtherContent.body().path("error").asText()).isEqualTo("event_id_conflict");

        Reply enrolledAgain = appendEvents(1, "enrolled-again", "FamilyEnrolled",
                "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        assertThat(enrolledAgain.status()).as(enrolledAgain.body().toString()).isEqualTo(422);
        assertThat(enrolledAgain.body().path("error").asText()).isEqualTo("rule_violation");

        Reply loaded = call(load, ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}", "Family", family));
        assertThat(loaded.body().path("aggregate_version").asLong()).as("nothing stored by the refusals").isEqualTo(1);
        assertThat(loaded.body().path("state").path("children")).isEmpty();
    }

    @Test
    void a_load_serves_the_latest_state_and_the_state_as_of_a_moment() throws Exception {
        appendEvents(0, "enrolled", "FamilyEnrolled", "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        Thread.sleep(1100);
        Instant beforeChild = Instant.now();
        Thread.sleep(1100);
        appendEvents(1, "child", "ChildAdded", "{\"child_name\": \"Ada\", \"age\": 8, \"grade\": 3}");

        JsonNode latest = call(load, ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}", "Family", family)).body();
        assertThat(latest.path("aggregate_version").asLong()).isEqualTo(2);
        assertThat(latest.path("state").path("children").findValuesAsText("child_name")).containsExactly("Ada");
        assertThat(latest.path("state").path("family_name").asText()).isEqualTo("Native");

        JsonNode past = call(load, ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}", "Family", family)
                .query("as_of", beforeChild.toString())).body();
        assertThat(past.path("aggregate_version").asLong()).as(past.toString()).isEqualTo(1);
        assertThat(past.path("state").path("children")).isEmpty();
    }

    @Test
    void the_history_pages_and_a_query_finds_events_by_type() throws Exception {
        appendEvents(0, "enrolled", "FamilyEnrolled", "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        appendEvents(1, "child", "ChildAdded", "{\"child_name\": \"Ada\", \"age\": 8, \"grade\": 3}");
        ApiCall history = ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}/events", "Family", family);

        JsonNode first = call(query, history.query("limit", "1")).body();
        assertThat(first.path("events").findValuesAsText("event_id")).containsExactly(family + "-enrolled");
        String token = first.path("next_page_token").asText();
        assertThat(token).as(first.toString()).isNotBlank();
        JsonNode second = call(query, history.query("page_token", token)).body();
        assertThat(second.path("events").findValuesAsText("event_id")).containsExactly(family + "-child");

        JsonNode children = call(query, ApiCall.to("GET /events").query("event_type", "ChildAdded")).body();
        assertThat(children.path("events").findValuesAsText("event_id")).containsExactly(family + "-child");
        assertThat(children.path("events").get(0).path("event_data").path("child_name").asText()).isEqualTo("Ada");
    }

    @Test
    void every_request_writes_a_json_log_line_with_lambdas_request_id_and_emf_metrics() throws Exception {
        appendEvents(0, "enrolled", "FamilyEnrolled", "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        String route = "POST /aggregates/{aggregate_type}/{aggregate_id}/events";

        List<JsonNode> json = Lines.awaitJson(append, line -> line.path("loggerName").asText().equals("coop.http")
                && line.path("mdc").path("tenant").asText().equals(tenant));
        JsonNode request = json.getLast().path("mdc");
        assertThat(request.path("route").asText()).isEqualTo(route);
        assertThat(request.path("status").asText()).isEqualTo("201");
        assertThat(request.path("AWSRequestId").asText()).as("Lambda's request id").matches("[0-9a-f-]{36}");

        List<Emf> metrics = Emf.all(Lines.awaitJson(append, line -> line.has("_aws")
                && line.path("Route").asText().equals(route) && line.has("Appends")));
        Emf appended = metrics.getLast();
        assertThat(appended.namespace()).isEqualTo("Coop/native-it");
        assertThat(appended.metricNames()).contains("Requests", "Appends", "Events");
        assertThat(appended.value("Events")).isEqualTo(1.0);
    }

    private Reply appendEvents(long expectedVersion, String id, String type, String data) throws Exception {
        String body = "{\"expected_version\": %d, \"events\": [{\"event_id\": \"%s-%s\", \"event_type\": \"%s\", \"event_data\": %s}]}"
                .formatted(expectedVersion, family, id, type, data);
        return call(append, ApiCall.to("POST /aggregates/{aggregate_type}/{aggregate_id}/events", "Family", family)
                .body(body));
    }

    private Reply call(NativeFunction function, ApiCall call) throws Exception {
        return Reply.of(function.invoke(LambdaEvents.http(call.as(Tokens.coordinator(tenant)))));
    }
}
