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
import java.util.Map;
import java.util.UUID;

import static coop.functions.FamilyCalls.EVENTS;
import static coop.functions.FamilyCalls.EXPLAIN;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.REVERT;
import static coop.functions.FamilyCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads of an erased family that {@link ErasureTest} does not cover, each asked right after the erasure answers:
 * correlations, time travel to before the erasure, explain, simulate and a revert's preview. Each answers 200 with
 * the personal values null, and no answer holds a name.
 */
@QuarkusTest
class ErasedFamilyReadsTest {

    private static final String ERASURE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";
    private static final String SIMULATE = "POST /aggregates/{aggregate_type}/{aggregate_id}/simulate";

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    private final Map<String, String> admin = Tokens.admin(tenant);
    private final String name = "Vex" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String child = "Orla" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /** Enrolled with a child (correlation {@code signup}, versions 1-2), then withdrawn (correlation {@code oops}). */
    private Instant enrolThenWithdraw(String familyId) {
        assertThat(api.send(append(familyId, sarah, """
                {"expected_version": 0, "correlation_id": "signup-%s", "events": [{"event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "%s", "enrollment_date": "2024-09-01", "parent_name": "Pat %s"}},
                 {"event_type": "ChildAdded", "event_data": {"child_name": "%s", "age": 9, "grade": 4}}]}
                """.formatted(familyId, name, name, child))).status()).isEqualTo(201);
        Instant enrolled = Instant.now();
        pause();
        assertThat(api.send(append(familyId, sarah, """
                {"expected_version": 2, "correlation_id": "oops-%s", "events": [
                 {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}]}
                """.formatted(familyId))).status()).isEqualTo(201);
        return enrolled;
    }

    private static void pause() {
        try {
            Thread.sleep(20); // event times are stored to the millisecond: keep "between" strictly between
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode ok(ApiCall call) {
        Answer answer = api.send(call);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.rawBody()).as("no answer holds a name").doesNotContain(name).doesNotContain(child);
        return answer.body();
    }

    @Test
    void every_read_right_after_the_erasure_answers_200_with_the_personal_values_null() {
        Instant beforeWithdrawal = enrolThenWithdraw("ames");

        Answer erased = api.send(ApiCall.to(ERASURE, "Family", "ames").as(admin)
                .body("{\"reason\": \"GDPR request\"}"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

        JsonNode correlation = ok(ApiCall.to(EVENTS).query("correlation_id", "signup-ames").as(sarah)).path("events");
        assertThat(correlation).hasSize(2);
        assertThat(correlation.get(0).path("event_data").path("family_name").isNull()).isTrue();
        assertThat(correlation.get(0).path("erased_fields")).extracting(JsonNode::asText)
                .containsExactly("family_name", "parent_name");
        assertThat(correlation.get(1).path("event_data").path("child_name").isNull()).isTrue();

        JsonNode then = ok(ApiCall.to(LOAD, "Family", "ames").as(sarah).query("as_of", beforeWithdrawal.toString()));
        assertThat(then.path("aggregate_version").asLong()).isEqualTo(2);
        assertThat(then.path("state").path("status").asText()).isEqualTo("enrolled");
        assertThat(then.path("state").path("family_name").isNull()).isTrue();
        assertThat(then.path("state").path("children").get(0).path("child_name").isNull()).isTrue();
        assertThat(then.path("erased_fields")).extracting(JsonNode::asText)
                .contains("family_name", "children.child_name");

        JsonNode explained = ok(ApiCall.to(EXPLAIN, "Family", "ames").as(sarah).query("field", "family_name"));
        assertThat(explained.path("value").isNull()).isTrue();
        assertThat(explained.path("changed_by").path("event_type").asText()).as("who set the erased value stays known")
                .isEqualTo("FamilyEnrolled");
        assertThat(explained.path("changed_by").path("user_id").asText()).isNotBlank();
        assertThat(explained.path("changed_by").path("erased_fields")).extracting(JsonNode::asText)
                .contains("family_name");

        JsonNode simulated = ok(ApiCall.to(SIMULATE, "Family", "ames").as(sarah).body("""
                {"at_version": 2, "events": [{"event_type": "PaymentDue",
                 "event_data": {"amount": 100, "due_date": "2024-12-01"}}]}"""));
        assertThat(simulated.path("before").path("family_name").isNull()).isTrue();
        assertThat(simulated.path("after").path("children").get(0).path("child_name").isNull()).isTrue();
        assertThat(simulated.path("after").path("total_due").asInt()).isEqualTo(100);

        JsonNode preview = ok(ApiCall.to(REVERT, "oops-ames").query("dry_run", "true").as(admin)
                .body("{\"reason\": \"Administrative error\"}"));
        // The withdrawal's compensation would carry the admin's reason, personal data the erased family takes no
        // more: the preview says so, as the revert itself would (one decision path for both).
        assertThat(preview.path("would_append")).as(preview.toString()).isEmpty();
        assertThat(preview.path("skipped").findValuesAsText("reason")).singleElement().asString()
                .contains("FamilyWithdrawalReversed", "PersonalDataErased");
    }
}
