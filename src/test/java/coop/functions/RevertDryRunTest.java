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

import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.REVERT;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /correlations/{id}/revert?dry_run=true}: exactly the compensations the revert would append and skip,
 * with nothing stored; the revert that follows appends precisely what the preview named.
 */
@QuarkusTest
class RevertDryRunTest {

    private static final String REASON = "{\"reason\": \"Administrative error\"}";

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    private final Map<String, String> admin = Tokens.admin(tenant);

    private Answer dryRun(Map<String, String> caller, String correlation) {
        return api.send(ApiCall.to(REVERT, correlation).query("dry_run", "true").as(caller).body(REASON));
    }

    private String history(String familyId) {
        return api.send(ApiCall.to(HISTORY, "Family", familyId).as(sarah)).rawBody();
    }

    /** A child added and two withdrawals, in one mistaken correlation. */
    private void mistakenCorrelation() {
        assertThat(api.send(append("ames", sarah, enrolment("Ames"))).status()).isEqualTo(201);
        assertThat(api.send(append("baker", sarah, enrolment("Baker"))).status()).isEqualTo(201);
        assertThat(api.send(append("ames", sarah, """
                {"expected_version": 1, "correlation_id": "oops", "events": [
                 {"event_id": "ames-child", "event_type": "ChildAdded", "event_data": {"child_name": "Zoe"}}]}
                """)).status()).isEqualTo(201);
        assertThat(api.send(append("ames", sarah, withdrawal(2))).status()).isEqualTo(201);
        assertThat(api.send(append("baker", sarah, withdrawal(1))).status()).isEqualTo(201);
    }

    private static String withdrawal(long expectedVersion) {
        return """
                {"expected_version": %d, "correlation_id": "oops", "events": [
                 {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}]}
                """.formatted(expectedVersion);
    }

    @Test
    void the_preview_names_exactly_what_the_revert_then_appends_and_stores_nothing() {
        mistakenCorrelation();
        String amesBefore = history("ames");
        String bakerBefore = history("baker");

        Answer preview = dryRun(admin, "oops");

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode wouldAppend = preview.body().path("would_append");
        assertThat(wouldAppend.findValuesAsText("aggregate_id")).containsExactly("ames", "baker");
        assertThat(wouldAppend.findValuesAsText("event_type"))
                .containsExactly("FamilyWithdrawalReversed", "FamilyWithdrawalReversed");
        assertThat(wouldAppend.get(0).path("aggregate_version").asLong()).isEqualTo(4);
        assertThat(wouldAppend.get(1).path("aggregate_version").asLong()).isEqualTo(3);
        assertThat(wouldAppend.get(0).path("event_data").path("reason").asText()).isEqualTo("Administrative error");
        assertThat(preview.body().path("skipped").findValuesAsText("event_id")).containsExactly("ames-child");
        assertThat(preview.body().path("already_reverted")).isEmpty();
        assertThat(history("ames")).isEqualTo(amesBefore);
        assertThat(history("baker")).isEqualTo(bakerBefore);
        assertThat(dryRun(admin, "oops").body()).isEqualTo(preview.body());

        Answer revert = api.send(ApiCall.to(REVERT, "oops").as(admin).body(REASON));

        assertThat(revert.status()).as(revert.toString()).isEqualTo(201);
        assertThat(revert.body().path("correlation_id")).isEqualTo(preview.body().path("correlation_id"));
        assertThat(revert.body().path("reverted").findValuesAsText("compensating_event_id"))
                .isEqualTo(wouldAppend.findValuesAsText("compensating_event_id"));
        assertThat(revert.body().path("reverted").findValuesAsText("aggregate_version"))
                .isEqualTo(wouldAppend.findValuesAsText("aggregate_version"));
        assertThat(revert.body().path("skipped")).isEqualTo(preview.body().path("skipped"));

        Answer after = dryRun(admin, "oops");
        assertThat(after.body().path("would_append")).isEmpty();
        assertThat(after.body().path("already_reverted").findValuesAsText("compensating_event_id"))
                .isEqualTo(wouldAppend.findValuesAsText("compensating_event_id"));
    }

    @Test
    void only_admins_preview_and_bad_previews_are_4xx() {
        mistakenCorrelation();
        String before = history("ames");

        assertThat(dryRun(sarah, "oops").status()).isEqualTo(403);
        assertThat(dryRun(Tokens.auditor(tenant), "oops").status()).isEqualTo(403);
        assertThat(dryRun(admin, "no-such-correlation").status()).isEqualTo(404);
        assertThat(dryRun(Tokens.admin(Tokens.newTenant()), "oops").status()).isEqualTo(404);
        Answer badFlag = api.send(ApiCall.to(REVERT, "oops").query("dry_run", "maybe").as(admin).body(REASON));
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.body().path("details").findValuesAsText("field")).containsExactly("dry_run");
        assertThat(api.send(ApiCall.to(REVERT, "oops").query("dry_run", "true").as(admin).body("{}")).status())
                .isEqualTo(400);
        assertThat(history("ames")).isEqualTo(before);
    }
}
