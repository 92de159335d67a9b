package coop.infra;

import coop.app.DerivedIds;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static coop.testing.TableAccessRecorder.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP routes of {@link FunctionWorkout}, each call sent to the function the template routes it to. Families
 * whose events come in one request of three make the next load replay more than the snapshot interval (two, in
 * {@link GrantsInUseTest}), so that a load, a revert and the overdue job each store a snapshot on demand.
 */
@Singleton
class ApiWorkout {

    static final String APPEND = "POST /aggregates/{aggregate_type}/{aggregate_id}/events";
    static final String LOAD = "GET /aggregates/{aggregate_type}/{aggregate_id}";
    private static final String EVENTS = "GET /events";
    private static final String REVERT = "POST /correlations/{correlation_id}/revert";
    private static final String ERASURE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";
    private static final String PROJECTIONS = "GET /projections";
    private static final Map<String, String> ROUTES = SamTemplate.fromClasspath().routes();
    private static final String ENROLMENT = "{\"family_name\": \"%s\", \"enrollment_date\": \"2024-09-01\", "
            + "\"parent_name\": \"Jo\"}";
    private static final String CHILD = "{\"event_type\": \"ChildAdded\", \"event_data\": {\"child_name\": \"Kit\"}}";

    @Inject
    ApiClient api;

    void appends(String tenant, Map<String, String> sarah) {
        created(append("lee", sarah, 0, "FamilyEnrolled", ENROLMENT.formatted("Lee")));
        String child = """
                {"expected_version": 1, "events": [{"event_id": "lee-child", "event_type": "ChildAdded",
                 "event_data": {"child_name": "Min", "age": 8}}]}""";
        created(call(ApiCall.to(APPEND, "Family", "lee").as(sarah).body(child)));
        assertThat(call(ApiCall.to(APPEND, "Family", "lee").as(sarah).body(child)).status())
                .as("a retried append").isEqualTo(200);
        assertThat(call(ApiCall.to(APPEND, "Family", "lee").as(sarah)
                .body(child.replace("Min", "Jun").replace("\"expected_version\": 1", "\"expected_version\": 2")))
                .status()).as("an event id taken by another event").isEqualTo(409);
        created(append("lee", sarah, 2, "PaymentDue", "{\"amount\": 450, \"due_date\": \"2024-10-01\"}"));
        assertThat(append("lee", sarah, 1, "ChildAdded", "{\"child_name\": \"Ada\"}").status())
                .as("a stale expected version").isEqualTo(409);
        // The compensation's id under an earlier release's derivation, taken: the revert must look it up.
        String planted = "{\"expected_version\": 0, \"events\": [{\"event_id\": \"%s\", \"event_type\": "
                + "\"FamilyEnrolled\", \"event_data\": " + ENROLMENT.formatted("Kim") + "}]}";
        created(call(ApiCall.to(APPEND, "Family", "kim").as(sarah)
                .body(planted.formatted(DerivedIds.legacy(tenant + "/withdrawn-1/revert")))));
        created(bulk("kim", sarah, "{\"event_type\": \"PaymentDue\", \"event_data\": "
                + "{\"amount\": 300, \"due_date\": \"2024-10-01\"}}", ""));
        created(append("ito", sarah, 0, "FamilyEnrolled", ENROLMENT.formatted("Ito")));
        created(bulk("ito", sarah, CHILD, ""));
        created(append("ota", sarah, 0, "FamilyEnrolled", ENROLMENT.formatted("Ota")));
        created(bulk("ota", sarah, "{\"event_id\": \"withdrawn-1\", \"event_type\": \"FamilyWithdrawn\", "
                + "\"event_data\": {\"withdrawal_date\": \"2024-11-01\"}}", "\"correlation_id\": \"ota-withdrawal\", "));
        // A due falling due tomorrow: the overdue run decides pat's reminder (no contact: skipped, in the notices table).
        created(append("pat", sarah, 0, "FamilyEnrolled", ENROLMENT.formatted("Pat")));
        created(append("pat", sarah, 1, "PaymentDue", "{\"amount\": 120, \"due_date\": \""
                + LocalDate.now(ZoneOffset.UTC).plusDays(1) + "\"}"));
    }

    void reads(Map<String, String> sarah) {
        for (ApiCall read : List.of(ApiCall.to(LOAD, "Family", "ito").as(sarah),
                ApiCall.to(LOAD, "Family", "lee").query("version", "2").as(sarah),
                ApiCall.to(LOAD, "Family", "lee").query("as_of", "2100-01-01T00:00:00Z").as(sarah),
                ApiCall.to("POST /aggregates/{aggregate_type}/{aggregate_id}/simulate", "Family", "lee").as(sarah)
                        .body("{\"events\": [" + CHILD + "]}"),
                ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}/events", "Family", "lee").as(sarah),
                ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}/explain", "Family", "lee")
                        .query("field", "balance_due").as(sarah),
                ApiCall.to(EVENTS).query("event_type", "ChildAdded").as(sarah),
                ApiCall.to(EVENTS).query("correlation_id", "ota-withdrawal").as(sarah),
                ApiCall.to("GET /events/{event_id}", "lee-child").as(sarah))) {
            assertThat(call(read).status()).as(read.routeKey()).isEqualTo(200);
        }
    }

    void revert(String tenant) {
        for (String dryRun : List.of("true", "false", "false")) {
            assertThat(call(ApiCall.to(REVERT, "ota-withdrawal").as(Tokens.admin(tenant)).query("dry_run", dryRun)
                    .body("{\"reason\": \"Administrative error\"}")).status()).as("dry run " + dryRun).isIn(200, 201);
        }
    }

    /**
     * The erasure route (on revertCorrelation): one family's key replaced by its erasure record, in the transaction
     * that appends PersonalDataErased; asked again, the answer is the same (idempotent). And a withdrawn family for
     * the overdue run's retention rule ({@code coop.retention.erase-withdrawn-after} is zero in the workout).
     */
    void erasures(String tenant, Map<String, String> sarah) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(call(ApiCall.to(ERASURE, "Family", "ito").as(Tokens.admin(tenant))
                    .body("{\"reason\": \"request\"}")).status()).as("erasure " + attempt).isEqualTo(200);
        }
        created(append("wes", sarah, 0, "FamilyEnrolled", ENROLMENT.formatted("Wes")));
        created(append("wes", sarah, 1, "FamilyWithdrawn", "{\"withdrawal_date\": \"2024-11-01\"}"));
    }

    void readModels(String tenant, Map<String, String> sarah) {
        for (ApiCall read : List.of(ApiCall.to("GET /families/{family_id}/summary", "lee").as(sarah),
                ApiCall.to("GET /families/{family_id}/summary", "wes").as(sarah),
                ApiCall.to("GET /families").query("payment_status", "overdue").as(sarah),
                ApiCall.to(PROJECTIONS).as(sarah),
                ApiCall.to(PROJECTIONS).as(Tokens.operator(tenant)),
                ApiCall.to("GET /notifications").as(sarah))) {
            assertThat(call(read).status()).as(read.routeKey()).isEqualTo(200);
        }
        digests(tenant, sarah);
    }

    /** A digest taken (readModels: its row and its locked copy), listed, read, and a stream checked against it. */
    private void digests(String tenant, Map<String, String> sarah) {
        Map<String, String> auditor = Tokens.auditor(tenant);
        Answer taken = call(ApiCall.to("POST /ledger/digests").as(auditor).body("{}"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        String digestId = taken.body().path("digest_id").asText();
        for (ApiCall read : List.of(ApiCall.to("GET /ledger/digests").as(auditor),
                ApiCall.to("GET /ledger/digests/{digest_id}", digestId).as(auditor),
                ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}/verification", "Family", "lee")
                        .query("digest_id", digestId).as(sarah))) {
            assertThat(call(read).status()).as(read.routeKey()).isEqualTo(200);
        }
    }

    String parkedFamilies(Map<String, String> caller) {
        return call(ApiCall.to(PROJECTIONS).as(caller)).body().path("parked_families").toString();
    }

    void startRebuild() {
        assertThat(call(ApiCall.to("POST /projections/{projection_name}/rebuild", "family-summary")
                .as(Tokens.operator("platform"))).status()).isEqualTo(202);
    }

    long version(String familyId, Map<String, String> caller) {
        return call(ApiCall.to(LOAD, "Family", familyId).as(caller)).body().path("aggregate_version").asLong();
    }

    Answer append(String familyId, Map<String, String> caller, long expected, String type, String data) {
        return call(ApiCall.to(APPEND, "Family", familyId).as(caller).body(
                "{\"expected_version\": %d, \"events\": [{\"event_type\": \"%s\", \"event_data\": %s}]}"
                        .formatted(expected, type, data)));
    }

    /** Two children and {@code last}, in one request after the enrolment. */
    private Answer bulk(String familyId, Map<String, String> caller, String last, String envelope) {
        return call(ApiCall.to(APPEND, "Family", familyId).as(caller).body(
                "{%s\"expected_version\": 1, \"events\": [%s, %s, %s]}".formatted(envelope, CHILD, CHILD, last)));
    }

    private Answer call(ApiCall call) {
        String function = ROUTES.get(call.routeKey());
        assertThat(function).as("the template routes " + call.routeKey()).isNotNull();
        return as(function, () -> api.send(call));
    }

    static void created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }
}
