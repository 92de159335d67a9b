package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class AppendEventsFunctionTest {

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);

    @Test
    void enrolment_is_stored_and_answered_with_its_position() {
        Answer answer = api.send(append("martinez", sarah, enrolment("Martinez")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.body().path("aggregate_id").asText()).isEqualTo("martinez");
        assertThat(answer.body().path("aggregate_type").asText()).isEqualTo("Family");
        assertThat(answer.body().path("aggregate_version").asLong()).isEqualTo(1);
        assertThat(answer.body().path("correlation_id").asText()).isNotBlank();
        assertThat(answer.body().path("events").get(0).path("aggregate_version").asLong()).isEqualTo(1);
        assertThat(answer.body().path("events").get(0).path("event_id").asText()).isNotBlank();
    }

    @Test
    void user_id_comes_from_the_token_and_correlation_from_the_body() {
        api.send(append("chen", sarah, """
                {"expected_version": 0, "correlation_id": "enrollment_abc123", "events": [
                 {"event_id": "chen-e1", "event_type": "FamilyEnrolled",
                  "event_data": {"family_name": "Chen", "enrollment_date": "2024-09-01"}}]}
                """));

        Answer event = api.send(ApiCall.to(FamilyCalls.EVENT, "chen-e1").as(sarah));

        assertThat(event.status()).as(event.toString()).isEqualTo(200);
        assertThat(event.body().path("user_id").asText()).isEqualTo("sarah");
        assertThat(event.body().path("correlation_id").asText()).isEqualTo("enrollment_abc123");
    }

    @Test
    void retried_append_answers_200_with_the_same_body_and_stores_nothing() {
        String body = """
                {"expected_version": 0, "events": [
                 {"event_id": "okafor-1", "event_type": "FamilyEnrolled",
                  "event_data": {"family_name": "Okafor", "enrollment_date": "2024-09-01"}},
                 {"event_id": "okafor-2", "event_type": "ChildAdded", "event_data": {"child_name": "Ada", "age": 9}}]}
                """;
        Answer first = api.send(append("okafor", sarah, body));

        Answer retry = api.send(append("okafor", sarah, body));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(api.send(ApiCall.to(LOAD, "Family", "okafor").as(sarah)).body().path("aggregate_version").asLong())
                .isEqualTo(2);
    }

    @Test
    void stale_expected_version_answers_409_with_expected_and_actual_versions() {
        api.send(append("nguyen", sarah, enrolment("Nguyen")));
        api.send(append("nguyen", sarah, oneEvent(1, "ChildAdded", "{\"child_name\": \"Linh\"}")));

        Answer conflict = api.send(append("nguyen", sarah,
                oneEvent(1, "PaymentDue", "{\"amount\": 450, \"due_date\": \"2024-10-15\"}")));

        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.error()).isEqualTo("concurrency_conflict");
        assertThat(conflict.body().path("expected_version").asLong()).isEqualTo(1);
        assertThat(conflict.body().path("actual_version").asLong()).isEqualTo(2);
        assertThat(conflict.body().path("message").asText()).isNotBlank();
    }

    @Test
    void expected_version_any_appends_after_whatever_is_there() {
        api.send(append("patel", sarah, enrolment("Patel")));

        Answer answer = api.send(append("patel", sarah,
                oneEvent("\"any\"", "PaymentDue", "{\"amount\": 450, \"due_date\": \"2024-10-15\"}")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.body().path("aggregate_version").asLong()).isEqualTo(2);
    }

    @Test
    void child_before_enrolment_is_a_rule_violation() {
        Answer answer = api.send(append("early", sarah, oneEvent(0, "ChildAdded", "{\"child_name\": \"Sam\"}")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.error()).isEqualTo("rule_violation");
        assertThat(api.send(ApiCall.to(LOAD, "Family", "early").as(sarah)).status()).isEqualTo(404);
    }

    @Test
    void event_id_reused_for_another_family_answers_409_event_id_conflict() {
        String body = """
                {"expected_version": 0, "events": [{"event_id": "reused-id", "event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "One", "enrollment_date": "2024-09-01"}}]}
                """;
        api.send(append("one", sarah, body));

        Answer answer = api.send(append("two", sarah, body));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.error()).isEqualTo("event_id_conflict");
        assertThat(api.send(ApiCall.to(LOAD, "Family", "two").as(sarah)).status()).isEqualTo(404);
    }

    @Test
    void every_reuse_of_a_stored_id_answers_409_naming_it_and_where_it_is_stored_and_stores_nothing() {
        String enrol = "{\"event_id\": \"one-e1\", \"event_type\": \"FamilyEnrolled\", \"event_data\": "
                + "{\"family_name\": \"One\", \"enrollment_date\": \"2024-09-01\"}}";
        String due = "{\"event_id\": \"one-e2\", \"event_type\": \"PaymentDue\", \"event_data\": "
                + "{\"amount\": 450, \"due_date\": \"2024-10-01\"}}";
        String paid = "{\"event_id\": \"one-e3\", \"event_type\": \"PaymentReceived\", \"event_version\": 2, "
                + "\"event_data\": {\"amount\": 450, \"date\": \"2024-10-02\", \"payment_method\": \"card\"}}";
        assertThat(api.send(append("one", sarah, events(0, enrol, due, paid))).status()).isEqualTo(201);
        Map<String, String> reuses = Map.of(
                "another payload", events("\"any\"", due.replace("450", "451")),
                "another type", events(3, due.replace("PaymentDue", "PaymentOverdue")),
                "another schema version", events(3, "{\"event_id\": \"one-e3\", \"event_type\": \"PaymentReceived\", "
                        + "\"event_version\": 1, \"event_data\": {\"amount\": 450, \"date\": \"2024-10-02\"}}"),
                "mixed with a new id", events(3, due, due.replace("one-e2", "fresh-id")),
                "a new id first", events(3, due.replace("one-e2", "fresh-id"), due),
                "reordered", events(1, paid, due));

        reuses.forEach((reuse, body) -> {
            Answer answer = api.send(append("one", sarah, body));

            assertThat(answer.status()).as(reuse + ": " + answer).isEqualTo(409);
            assertThat(answer.error()).isEqualTo("event_id_conflict");
            String id = answer.body().path("event_id").asText();
            assertThat(id).as(reuse).isIn("one-e2", "one-e3");
            assertThat(answer.body().path("aggregate_type").asText()).isEqualTo("Family");
            assertThat(answer.body().path("aggregate_id").asText()).isEqualTo("one");
            assertThat(answer.body().path("aggregate_version").asLong()).isEqualTo(id.equals("one-e2") ? 2 : 3);
        });
        Answer otherFamily = api.send(append("two", sarah, events(0, enrol)));
        assertThat(otherFamily.status()).as(otherFamily.toString()).isEqualTo(409);
        assertThat(otherFamily.body().path("aggregate_version").asLong()).isEqualTo(1);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "one").as(sarah)).body().path("aggregate_version").asLong())
                .isEqualTo(3);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "two").as(sarah)).status()).isEqualTo(404);
    }

    private static String events(Object expectedVersion, String... events) {
        return "{\"expected_version\": " + expectedVersion + ", \"events\": [" + String.join(",", events) + "]}";
    }

    @Test
    void schema_problems_are_all_named_in_details() {
        Answer answer = api.send(append("bad", sarah, """
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled",
                 "event_data": {"enrollment_date": "2024-02-30", "nickname": "x"}}]}
                """));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.body().path("details").findValuesAsText("field")).containsExactlyInAnyOrder(
                "events[0].event_data.family_name", "events[0].event_data.enrollment_date",
                "events[0].event_data.nickname");
    }

    @Test
    void a_body_of_countless_mistakes_gets_a_short_answer() {
        // Under 1 MB each, but one problem per empty event or unknown field: listing them all made an answer of tens
        // of MB, over Lambda's 6 MB response limit, which API Gateway turns into a 5xx.
        String emptyEvents = "{\"expected_version\": 0, \"events\": [" + "{},".repeat(300_000) + "{}]}";
        StringBuilder unknownFields = new StringBuilder("{\"expected_version\": 0");
        for (int i = 0; i < 80_000; i++) {
            unknownFields.append(",\"f").append(i).append("\":0");
        }
        String manyFields = unknownFields.append(", \"events\": []}").toString();

        Answer tooMany = api.send(append("flood", sarah, emptyEvents));
        Answer unknown = api.send(append("flood", sarah, manyFields));

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.error()).isEqualTo("too_large");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("invalid_request");
        assertThat(unknown.body().path("details").size()).isBetween(1, 100);
        assertThat(unknown.body().path("message").asText()).contains("more problems");
        for (Answer answer : new Answer[]{tooMany, unknown}) {
            assertThat(answer.rawBody().length()).isLessThan(20_000);
        }
        assertThat(api.send(ApiCall.to(LOAD, "Family", "flood").as(sarah)).status()).isEqualTo(404);
    }

    @Test
    void routing_by_method_and_raw_path_works_without_a_route_key() {
        Answer answer = api.send(append("noroute", sarah, enrolment("No Route")).withoutRouteKey());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode loaded = api.send(ApiCall.to(LOAD, "Family", "noroute").as(sarah).withoutRouteKey()).body();
        assertThat(loaded.path("state").path("family_name").asText()).isEqualTo("No Route");
    }

    @Test
    void another_tenant_cannot_see_the_family() {
        api.send(append("hidden", sarah, enrolment("Hidden")));

        Answer answer = api.send(ApiCall.to(LOAD, "Family", "hidden").as(Tokens.coordinator(Tokens.newTenant())));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
    }
}
