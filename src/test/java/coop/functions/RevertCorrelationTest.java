package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.DerivedIds;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.REVERT;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RevertCorrelationTest {

    private static final int FAMILIES = 50;

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    private final Map<String, String> admin = Tokens.admin(tenant);

    @Test
    void an_event_planted_under_a_compensating_id_is_refused_and_one_under_the_old_id_is_not_taken_for_it() {
        assertThat(api.send(append("garcia", sarah, enrolment("Garcia"))).status()).isEqualTo(201);
        assertThat(api.send(append("garcia", sarah, """
                {"expected_version": 1, "correlation_id": "garcia-withdrawal", "events": [{"event_id": "withdrawn-1",
                 "event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}]}
                """)).status()).isEqualTo(201);
        // The compensating id can be computed by anyone, but it lies in the namespace no caller may append to.
        String compensatingId = DerivedIds.of(tenant + "/withdrawn-1/revert");
        String plant = """
                {"expected_version": 0, "events": [{"event_id": "%s", "event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "Lee", "enrollment_date": "2024-09-01", "parent_name": "Jo"}}]}
                """;
        assertThat(api.send(append("lee", sarah, plant.formatted(compensatingId))).status()).isEqualTo(400);
        // The id an earlier release derived was a plain UUID: an event planted under it is not the compensation.
        assertThat(api.send(append("lee", sarah, plant.formatted(DerivedIds.legacy(tenant + "/withdrawn-1/revert"))))
                .status()).isEqualTo(201);

        Answer preview = api.send(ApiCall.to(REVERT, "garcia-withdrawal").as(admin).query("dry_run", "true")
                .body("{\"reason\": \"Administrative error\"}"));
        Answer revert = api.send(ApiCall.to(REVERT, "garcia-withdrawal").as(admin)
                .body("{\"reason\": \"Administrative error\"}"));

        assertThat(preview.body().path("skipped")).as(preview.toString()).isEmpty();
        assertThat(revert.body().path("skipped")).as(revert.toString()).isEmpty();
        assertThat(revert.body().path("reverted")).hasSize(1);
        assertThat(revert.body().path("reverted").get(0).path("compensating_event_id").asText())
                .isEqualTo(compensatingId);
        JsonNode garcia = api.send(ApiCall.to(LOAD, "Family", "garcia").as(sarah)).body();
        assertThat(garcia.path("state").path("status").asText()).isNotEqualTo("withdrawn");
        assertThat(garcia.path("aggregate_version").asLong()).isEqualTo(3);
    }

    @Test
    void sarahs_mistaken_mass_withdrawal_is_reverted_once_and_stays_in_the_history() {
        List<String> families = new ArrayList<>();
        for (int i = 1; i <= FAMILIES; i++) {
            String family = "family-" + i;
            families.add(family);
            assertThat(api.send(append(family, sarah, enrolment("Family " + i))).status()).isEqualTo(201);
        }
        // Sarah means to withdraw one family and withdraws all fifty, in one correlation.
        for (String family : families) {
            Answer withdrawn = api.send(append(family, sarah, """
                    {"expected_version": 1, "correlation_id": "withdrawal-oops", "events": [
                     {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}]}
                    """));
            assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(201);
        }

        Answer revert = api.send(ApiCall.to(REVERT, "withdrawal-oops").as(admin)
                .body("{\"reason\": \"Administrative error\"}"));

        assertThat(revert.status()).as(revert.toString()).isEqualTo(201);
        String revertCorrelation = revert.body().path("correlation_id").asText();
        assertThat(revertCorrelation).isNotEqualTo("withdrawal-oops");
        assertThat(revert.body().path("reverted")).hasSize(FAMILIES);
        assertThat(revert.body().path("skipped")).isEmpty();
        for (String family : families) {
            JsonNode state = api.send(ApiCall.to(LOAD, "Family", family).as(sarah)).body();
            assertThat(state.path("state").path("status").asText()).as(family).isEqualTo("enrolled");
            assertThat(state.path("aggregate_version").asLong()).isEqualTo(3);
        }
        JsonNode history = api.send(ApiCall.to(HISTORY, "Family", "family-7").as(sarah)).body().path("events");
        assertThat(history.findValuesAsText("event_type"))
                .containsExactly("FamilyEnrolled", "FamilyWithdrawn", "FamilyWithdrawalReversed");
        JsonNode reversal = history.get(2);
        assertThat(reversal.path("causation_id").asText()).isEqualTo(history.get(1).path("event_id").asText());
        assertThat(reversal.path("correlation_id").asText()).isEqualTo(revertCorrelation);
        assertThat(reversal.path("user_id").asText()).isEqualTo("root-admin");
        assertThat(reversal.path("event_data").path("original_event_id").asText())
                .isEqualTo(history.get(1).path("event_id").asText());
        assertThat(reversal.path("event_data").path("reason").asText()).isEqualTo("Administrative error");

        Answer again = api.send(ApiCall.to(REVERT, "withdrawal-oops").as(admin)
                .body("{\"reason\": \"Administrative error\"}"));

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(revert.body());
        for (String family : List.of("family-1", "family-25", "family-50")) {
            assertThat(api.send(ApiCall.to(LOAD, "Family", family).as(sarah)).body().path("aggregate_version").asLong())
                    .isEqualTo(3);
        }
    }

    @Test
    void events_without_a_compensation_are_skipped_with_a_reason() {
        api.send(append("lee", sarah, """
                {"expected_version": 0, "correlation_id": "lee-setup", "events": [
                 {"event_id": "lee-enrolled", "event_type": "FamilyEnrolled",
                  "event_data": {"family_name": "Lee", "enrollment_date": "2024-09-01"}},
                 {"event_id": "lee-locked", "event_type": "PortalAccessLocked", "event_data": {"reason": "test"}}]}
                """));

        Answer revert = api.send(ApiCall.to(REVERT, "lee-setup").as(admin).body("{\"reason\": \"wrong family\"}"));

        assertThat(revert.status()).as(revert.toString()).isEqualTo(201);
        assertThat(revert.body().path("reverted").findValuesAsText("original_event_id")).containsExactly("lee-locked");
        assertThat(revert.body().path("skipped").findValuesAsText("event_id")).containsExactly("lee-enrolled");
        assertThat(revert.body().path("skipped").get(0).path("reason").asText()).contains("FamilyEnrolled");
        assertThat(api.send(ApiCall.to(LOAD, "Family", "lee").as(sarah)).body().path("state").path("portal_access")
                .asText()).isEqualTo("active");
    }

    @Test
    void a_revert_body_with_a_field_it_does_not_take_is_refused_and_reverts_nothing() {
        api.send(append("ruiz", sarah, enrolment("Ruiz")));
        Answer withdrawn = api.send(append("ruiz", sarah, """
                {"expected_version": 1, "correlation_id": "ruiz-out", "events": [
                 {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}]}
                """));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(201);

        // user_id comes from the token, never from a body; a misspelt field must not be silently dropped either.
        for (String body : List.of("{\"reason\": \"Administrative error\", \"user_id\": \"mallory\"}",
                "{\"reason\": \"Administrative error\", \"dry_run\": true}")) {
            Answer revert = api.send(ApiCall.to(REVERT, "ruiz-out").as(admin).body(body));

            assertThat(revert.status()).as(revert.toString()).isEqualTo(400);
            assertThat(revert.error()).isEqualTo("invalid_request");
        }
        JsonNode state = api.send(ApiCall.to(LOAD, "Family", "ruiz").as(sarah)).body();
        assertThat(state.path("aggregate_version").asLong()).isEqualTo(2);
        assertThat(state.path("state").path("status").asText()).isEqualTo("withdrawn");
    }

    @Test
    void only_an_admin_reverts_and_an_unknown_correlation_is_not_found() {
        api.send(append("kim", sarah, oneEvent(0, "FamilyEnrolled",
                "{\"family_name\": \"Kim\", \"enrollment_date\": \"2024-09-01\"}")));

        Answer byCoordinator = api.send(ApiCall.to(REVERT, "anything").as(sarah).body("{\"reason\": \"x\"}"));
        Answer unknown = api.send(ApiCall.to(REVERT, "no-such-correlation").as(admin).body("{\"reason\": \"x\"}"));

        assertThat(byCoordinator.status()).isEqualTo(403);
        assertThat(byCoordinator.error()).isEqualTo("forbidden");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("not_found");
    }
}
