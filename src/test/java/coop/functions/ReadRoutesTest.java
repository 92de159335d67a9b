package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static coop.functions.FamilyCalls.EVENT;
import static coop.functions.FamilyCalls.EVENTS;
import static coop.functions.FamilyCalls.EXPLAIN;
import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** Load, history, explain and the event queries, through the function beans against the embedded DynamoDB. */
@QuarkusTest
class ReadRoutesTest {

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);

    private void martinezStory() {
        ok(api.send(append("martinez", sarah, enrolment("Martinez"))));
        ok(api.send(append("martinez", sarah, oneEvent(1, "ChildAdded", "{\"child_name\": \"Sofia\", \"age\": 8}"))));
        ok(api.send(append("martinez", sarah, oneEvent(2, "PaymentDue", "{\"amount\": 450, \"due_date\": \"2024-10-15\"}"))));
        ok(api.send(append("martinez", sarah, oneEvent(3, "PaymentOverdue", "{\"amount\": 450, \"due_date\": \"2024-10-15\"}"))));
        // Version 1 of PaymentReceived, without payment_method: served upcast to version 2.
        ok(api.send(append("martinez", sarah, """
                {"expected_version": 4, "events": [{"event_type": "PaymentReceived", "event_version": 1,
                 "event_data": {"amount": 450, "date": "2024-10-20"}}]}
                """)));
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
    }

    @Test
    void load_serves_the_current_state() {
        martinezStory();

        Answer answer = api.send(ApiCall.to(LOAD, "Family", "martinez").as(sarah));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("aggregate_version").asLong()).isEqualTo(5);
        JsonNode state = answer.body().path("state");
        assertThat(state.path("family_name").asText()).isEqualTo("Martinez");
        assertThat(state.path("status").asText()).isEqualTo("enrolled");
        assertThat(state.path("payment_status").asText()).isEqualTo("paid");
        assertThat(state.path("children").get(0).path("child_name").asText()).isEqualTo("Sofia");
        assertThat(state.path("payments").get(0).path("payment_method").asText()).isEqualTo("unknown");
    }

    @Test
    void load_at_a_version_and_as_of_an_instant_serve_the_past_state() {
        martinezStory();
        JsonNode history = api.send(ApiCall.to(HISTORY, "Family", "martinez").as(sarah)).body().path("events");
        String overdueAt = history.get(3).path("event_timestamp").asText();

        Answer atVersion = api.send(ApiCall.to(LOAD, "Family", "martinez").query("version", "4").as(sarah));
        Answer asOf = api.send(ApiCall.to(LOAD, "Family", "martinez").query("as_of", overdueAt).as(sarah));
        Answer beforeEverything = api.send(ApiCall.to(LOAD, "Family", "martinez")
                .query("as_of", "2000-01-01T00:00:00Z").as(sarah));

        assertThat(atVersion.body().path("aggregate_version").asLong()).isEqualTo(4);
        assertThat(atVersion.body().path("state").path("payment_status").asText()).isEqualTo("overdue");
        assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
        assertThat(asOf.body().path("aggregate_version").asLong()).isEqualTo(4);
        assertThat(asOf.body().path("state").path("payment_status").asText()).isEqualTo("overdue");
        assertThat(beforeEverything.status()).isEqualTo(404);
        assertThat(beforeEverything.error()).isEqualTo("not_found");
    }

    @Test
    void history_serves_envelopes_upcast_to_the_latest_schema() {
        martinezStory();

        Answer answer = api.send(ApiCall.to(HISTORY, "Family", "martinez").as(Tokens.auditor(tenant)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode events = answer.body().path("events");
        assertThat(events).hasSize(5);
        assertThat(answer.body().get("next_page_token").isNull()).isTrue();
        JsonNode received = events.get(4);
        assertThat(received.path("event_type").asText()).isEqualTo("PaymentReceived");
        assertThat(received.path("event_version").asInt()).isEqualTo(2);
        assertThat(received.path("event_data").path("payment_method").asText()).isEqualTo("unknown");
        assertThat(received.path("user_id").asText()).isEqualTo("sarah");
        assertThat(received.path("aggregate_version").asLong()).isEqualTo(5);
        assertThat(Instant.parse(received.path("event_timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(received.fieldNames()).toIterable().containsExactlyInAnyOrder("event_id", "event_type",
                "event_version", "aggregate_id", "aggregate_type", "aggregate_version", "event_data",
                "event_timestamp", "user_id", "correlation_id", "causation_id");
    }

    @Test
    void history_pages_follow_the_page_token_without_gaps_or_repeats() {
        martinezStory();
        List<Long> versions = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiCall call = ApiCall.to(HISTORY, "Family", "martinez").query("limit", "2").as(sarah);
            if (token != null) {
                call.query("page_token", token);
            }
            Answer page = api.send(call);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().path("events").forEach(e -> versions.add(e.path("aggregate_version").asLong()));
            token = page.body().path("next_page_token").isNull() ? null : page.body().path("next_page_token").asText();
            pages++;
        } while (token != null && pages < 10);

        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void history_can_be_cut_by_version_range() {
        martinezStory();

        Answer answer = api.send(ApiCall.to(HISTORY, "Family", "martinez")
                .query("from_version", "2").query("to_version", "3").as(sarah));

        assertThat(answer.body().path("events").findValuesAsText("event_type")).containsExactly("ChildAdded", "PaymentDue");
    }

    @Test
    void a_family_reads_its_own_history_but_not_another_family_nor_event_queries() {
        martinezStory();
        ok(api.send(append("chen", sarah, enrolment("Chen"))));
        Map<String, String> martinezParent = Tokens.family(tenant, "martinez");

        assertThat(api.send(ApiCall.to(HISTORY, "Family", "martinez").as(martinezParent)).status()).isEqualTo(200);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "martinez").as(martinezParent)).status()).isEqualTo(200);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "chen").as(martinezParent)).error()).isEqualTo("forbidden");
        assertThat(api.send(ApiCall.to(EVENTS).query("event_type", "FamilyEnrolled").as(martinezParent)).status())
                .isEqualTo(403);
    }

    @Test
    void events_of_one_correlation_come_in_time_order() {
        for (String family : List.of("a1", "a2", "a3")) {
            ok(api.send(append(family, sarah, """
                    {"expected_version": 0, "correlation_id": "import-42", "events": [{"event_type": "FamilyEnrolled",
                     "event_data": {"family_name": "%s", "enrollment_date": "2024-09-01"}}]}
                    """.formatted(family))));
        }

        Answer answer = api.send(ApiCall.to(EVENTS).query("correlation_id", "import-42").as(Tokens.auditor(tenant)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("events").findValuesAsText("aggregate_id")).containsExactly("a1", "a2", "a3");
        assertThat(api.send(ApiCall.to(EVENTS).query("correlation_id", "import-42")
                .as(Tokens.auditor(Tokens.newTenant()))).status()).isEqualTo(404);
    }

    @Test
    void events_of_one_type_are_paged_within_the_time_window() {
        Instant start = Instant.now().minusSeconds(1);
        // A page token belongs to its query: the window must be the same on every page.
        String until = Instant.now().plusSeconds(60).toString();
        for (String family : List.of("b1", "b2", "b3")) {
            ok(api.send(append(family, sarah, enrolment(family))));
        }
        ok(api.send(append("b1", sarah, oneEvent(1, "ChildAdded", "{\"child_name\": \"Kim\"}"))));
        List<String> families = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiCall call = ApiCall.to(EVENTS).query("event_type", "FamilyEnrolled").query("since", start.toString())
                    .query("until", until).query("limit", "2").as(sarah);
            if (token != null) {
                call.query("page_token", token);
            }
            Answer page = api.send(call);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            families.addAll(page.body().path("events").findValuesAsText("aggregate_id"));
            token = page.body().path("next_page_token").isNull() ? null : page.body().path("next_page_token").asText();
            pages++;
        } while (token != null && pages < 10);

        assertThat(families).containsExactly("b1", "b2", "b3");
        Answer before = api.send(ApiCall.to(EVENTS).query("event_type", "FamilyEnrolled")
                .query("until", start.toString()).as(sarah));
        assertThat(before.body().path("events")).isEmpty();
    }

    @Test
    void one_event_by_id_and_404_in_another_tenant() {
        ok(api.send(append("single", sarah, """
                {"expected_version": 0, "events": [{"event_id": "single-1", "event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "Single", "enrollment_date": "2024-09-01"}}]}
                """)));

        Answer mine = api.send(ApiCall.to(EVENT, "single-1").as(sarah));
        Answer theirs = api.send(ApiCall.to(EVENT, "single-1").as(Tokens.coordinator(Tokens.newTenant())));

        assertThat(mine.body().path("event_data").path("family_name").asText()).isEqualTo("Single");
        assertThat(theirs.status()).isEqualTo(404);
    }

    @Test
    void explain_names_the_event_that_set_the_field_and_its_causes_back_to_the_root() {
        ok(api.send(append("garcia", sarah, """
                {"expected_version": 0, "events": [{"event_id": "garcia-enrolled", "event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "Garcia", "enrollment_date": "2024-09-01"}}]}
                """)));
        ok(api.send(append("garcia", sarah, """
                {"expected_version": 1, "events": [{"event_id": "garcia-due", "event_type": "PaymentDue",
                 "event_data": {"amount": 450, "due_date": "2024-10-15"}}]}
                """)));
        ok(api.send(append("garcia", sarah, """
                {"expected_version": 2, "causation_id": "garcia-due", "events": [{"event_id": "garcia-overdue",
                 "event_type": "PaymentOverdue", "event_data": {"amount": 450, "due_date": "2024-10-15"}}]}
                """)));
        ok(api.send(append("garcia", sarah, """
                {"expected_version": 3, "causation_id": "garcia-overdue", "events": [{"event_id": "garcia-locked",
                 "event_type": "PortalAccessLocked", "event_data": {"reason": "payment overdue"}}]}
                """)));
        ok(api.send(append("garcia", sarah, oneEvent(4, "EngagementScoreUpdated", "{\"new_score\": 40}"))));

        Answer answer = api.send(ApiCall.to(EXPLAIN, "Family", "garcia").query("field", "portal_access")
                .as(Tokens.family(tenant, "garcia")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("field").asText()).isEqualTo("portal_access");
        assertThat(answer.body().path("value").asText()).isEqualTo("locked");
        assertThat(answer.body().path("changed_by").path("event_id").asText()).isEqualTo("garcia-locked");
        assertThat(answer.body().path("causation_chain").findValuesAsText("event_id"))
                .containsExactly("garcia-locked", "garcia-overdue", "garcia-due");
    }

    @Test
    void explain_of_a_field_no_event_changed_has_no_cause() {
        ok(api.send(append("quiet", sarah, enrolment("Quiet"))));

        Answer answer = api.send(ApiCall.to(EXPLAIN, "Family", "quiet").query("field", "portal_access").as(sarah));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("value").asText()).isEqualTo("active");
        assertThat(answer.body().get("changed_by").isNull()).isTrue();
        assertThat(answer.body().path("causation_chain")).isEmpty();
    }

    @Test
    void a_family_sees_no_cause_that_lies_in_another_family() {
        ok(api.send(append("sibling", sarah, """
                {"expected_version": 0, "events": [{"event_id": "sibling-enrolled", "event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "Sibling", "enrollment_date": "2024-09-01"}}]}
                """)));
        ok(api.send(append("cousin", sarah, enrolment("Cousin"))));
        ok(api.send(append("cousin", sarah, """
                {"expected_version": 1, "causation_id": "sibling-enrolled", "events": [{"event_id": "cousin-locked",
                 "event_type": "PortalAccessLocked", "event_data": {"reason": "shared account"}}]}
                """)));
        ApiCall explainLock = ApiCall.to(EXPLAIN, "Family", "cousin").query("field", "portal_access");

        Answer asFamily = api.send(explainLock.as(Tokens.family(tenant, "cousin")));
        Answer asAuditor = api.send(ApiCall.to(EXPLAIN, "Family", "cousin").query("field", "portal_access")
                .as(Tokens.auditor(tenant)));

        assertThat(asFamily.body().path("causation_chain").findValuesAsText("event_id")).containsExactly("cousin-locked");
        assertThat(asAuditor.body().path("causation_chain").findValuesAsText("event_id"))
                .containsExactly("cousin-locked", "sibling-enrolled");
    }
}
