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

import static coop.functions.FamilyCalls.EVENTS;
import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /aggregates/{type}/{id}/simulate}: the state proposed events would lead to, or the rule they break,
 * and nothing stored, whatever the answer.
 */
@QuarkusTest
class WhatIfRoutesTest {

    static final String SIMULATE = "POST /aggregates/{aggregate_type}/{aggregate_id}/simulate";
    private static final String PAYMENT = """
            {"event_type": "PaymentReceived", "event_data": {"amount": 450, "date": "2024-10-20", "payment_method": "check"}}""";

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);

    private Answer simulate(String familyId, Map<String, String> caller, String body) {
        return api.send(ApiCall.to(SIMULATE, "Family", familyId).as(caller).body(body));
    }

    /** Enrolled (1), a payment due (2), overdue (3). */
    private void overdueFamily(String familyId) {
        assertThat(api.send(append(familyId, sarah, enrolment("Martinez"))).status()).isEqualTo(201);
        assertThat(api.send(append(familyId, sarah, oneEvent(1, "PaymentDue",
                "{\"amount\": 450, \"due_date\": \"2024-10-15\"}"))).status()).isEqualTo(201);
        assertThat(api.send(append(familyId, sarah, oneEvent(2, "PaymentOverdue",
                "{\"amount\": 450, \"due_date\": \"2024-10-15\"}"))).status()).isEqualTo(201);
    }

    private String history(String familyId) {
        return api.send(ApiCall.to(HISTORY, "Family", familyId).as(sarah)).rawBody();
    }

    @Test
    void a_payment_on_an_overdue_family_would_make_it_paid_and_nothing_is_stored() {
        overdueFamily("martinez");
        String before = history("martinez");

        Answer answer = simulate("martinez", sarah, "{\"events\": [" + PAYMENT + "]}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("at_version").asLong()).isEqualTo(3);
        assertThat(body.path("before").path("payment_status").asText()).isEqualTo("overdue");
        assertThat(body.path("after").path("payment_status").asText()).isEqualTo("paid");
        JsonNode step = body.path("steps").get(0);
        assertThat(step.path("event_type").asText()).isEqualTo("PaymentReceived");
        assertThat(step.path("aggregate_version").asLong()).isEqualTo(4);
        assertThat(step.path("changes").findValuesAsText("field")).contains("payment_status", "balance_due", "payments");
        JsonNode status = change(step, "payment_status");
        assertThat(status.path("before").asText()).isEqualTo("overdue");
        assertThat(status.path("after").asText()).isEqualTo("paid");

        assertThat(history("martinez")).isEqualTo(before);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "martinez").as(sarah)).body().path("aggregate_version").asLong())
                .isEqualTo(3);
        assertThat(api.send(ApiCall.to(EVENTS).query("event_type", "PaymentReceived").as(sarah)).body()
                .path("events")).isEmpty();
    }

    @Test
    void events_proposed_at_an_earlier_version_fold_onto_the_state_then() {
        overdueFamily("martinez");

        Answer answer = simulate("martinez", sarah, "{\"at_version\": 1, \"events\": [" + PAYMENT + "]}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("at_version").asLong()).isEqualTo(1);
        assertThat(answer.body().path("before").path("payment_status").asText()).isEqualTo("none");
        assertThat(answer.body().path("steps").get(0).path("aggregate_version").asLong()).isEqualTo(2);
    }

    @Test
    void a_family_that_does_not_exist_can_be_simulated_from_version_0_and_still_does_not_exist() {
        Answer answer = simulate("newcomers", sarah, """
                {"at_version": 0, "events": [
                  {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Newcomers", "enrollment_date": "2024-09-01"}},
                  {"event_type": "ChildAdded", "event_data": {"child_name": "Ada", "age": 9, "grade": 4}}]}
                """);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("after").path("status").asText()).isEqualTo("enrolled");
        assertThat(answer.body().path("after").path("children")).hasSize(1);
        assertThat(answer.body().path("steps")).hasSize(2);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "newcomers").as(sarah)).status()).isEqualTo(404);
    }

    @Test
    void the_first_event_that_breaks_a_rule_is_named_in_a_422_and_nothing_is_stored() {
        overdueFamily("martinez");
        String before = history("martinez");

        Answer answer = simulate("martinez", sarah, "{\"events\": [" + PAYMENT + ", "
                + "{\"event_type\": \"FamilyEnrolled\", \"event_data\": {\"family_name\": \"Again\", \"enrollment_date\": \"2024-09-01\"}}]}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.error()).isEqualTo("rule_violation");
        assertThat(answer.body().path("message").asText()).startsWith("events[1] (FamilyEnrolled)");
        assertThat(history("martinez")).isEqualTo(before);
    }

    @Test
    void invalid_simulations_are_400s_that_name_the_field() {
        overdueFamily("martinez");
        String before = history("martinez");

        assertThat(problemFields(simulate("martinez", sarah, "{\"events\": [{\"event_type\": \"Teleported\", \"event_data\": {}}]}")))
                .containsExactly("events[0].event_type");
        assertThat(problemFields(simulate("martinez", sarah,
                "{\"events\": [{\"event_type\": \"PaymentReceived\", \"event_data\": {\"amount\": -1}}]}")))
                .contains("events[0].event_data.amount");
        assertThat(problemFields(simulate("martinez", sarah, "{\"at_version\": 9, \"events\": [" + PAYMENT + "]}")))
                .containsExactly("at_version");
        assertThat(problemFields(simulate("martinez", sarah, "{\"at_version\": -1, \"events\": [" + PAYMENT + "]}")))
                .containsExactly("at_version");
        assertThat(problemFields(simulate("martinez", sarah, "{\"events\": []}"))).containsExactly("events");
        assertThat(problemFields(simulate("martinez", sarah, "{\"events\": [" + PAYMENT + "], \"user_id\": \"x\"}")))
                .containsExactly("user_id");
        assertThat(simulate("martinez", sarah, "not json").status()).isEqualTo(400);
        assertThat(history("martinez")).isEqualTo(before);
    }

    @Test
    void only_coordinators_and_admins_simulate() {
        overdueFamily("martinez");
        String body = "{\"events\": [" + PAYMENT + "]}";

        assertThat(simulate("martinez", Tokens.auditor(tenant), body).status()).isEqualTo(403);
        assertThat(simulate("martinez", Tokens.family(tenant, "martinez"), body).status()).isEqualTo(403);
        assertThat(simulate("martinez", Tokens.admin(tenant), body).status()).isEqualTo(200);
        assertThat(api.send(ApiCall.to(SIMULATE, "Family", "martinez").body(body)).status()).isEqualTo(401);
    }

    private static JsonNode change(JsonNode step, String field) {
        for (JsonNode change : step.path("changes")) {
            if (change.path("field").asText().equals(field)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + field + " in " + step);
    }

    private static java.util.List<String> problemFields(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        return answer.body().path("details").findValuesAsText("field");
    }
}
