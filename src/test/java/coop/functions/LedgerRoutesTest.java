package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.store.RebuildProgress;
import coop.store.RebuildStore;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET .../verification and GET .../events?format=csv through the functions, and the auditor's script
 * (tools/verify_chain.py, a real CSV parser: Python's csv module) run on the export.
 */
@QuarkusTest
class LedgerRoutesTest {

    static final String VERIFICATION = "GET /aggregates/{aggregate_type}/{aggregate_id}/verification";
    private static final String ERASURE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";
    private static final String REBUILD = "POST /projections/{projection_name}/rebuild";

    @Inject
    ApiClient api;

    @Inject
    RebuildStore rebuilds;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    /** A name found nowhere else: its clear text in the stored payload column would be a leak. */
    private final String name = "Zyx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private void enrol(String familyId) {
        Answer appended = api.send(append(familyId, sarah, """
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled", "event_data":
                 {"family_name": "%s, \\"the\\" family", "enrollment_date": "2024-09-01", "parent_name": "Zoë"}},
                 {"event_type": "ChildAdded", "event_data": {"child_name": "Ann\\nMarie", "age": 9, "grade": 4}},
                 {"event_type": "PaymentDue", "event_data": {"amount": 120, "due_date": "2024-10-01"}}]}
                """.formatted(name)));
        assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
    }

    private Answer verification(String familyId, Map<String, String> caller) {
        return api.send(ApiCall.to(VERIFICATION, "Family", familyId).as(caller));
    }

    @Test
    void a_family_verifies_for_those_who_may_read_it_and_is_unknown_elsewhere() {
        enrol("martinez");

        for (Map<String, String> caller : List.of(sarah, Tokens.auditor(tenant), Tokens.admin(tenant),
                Tokens.family(tenant, "martinez"))) {
            Answer answer = verification("martinez", caller);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode body = answer.body();
            assertThat(body.path("verified").asBoolean()).as(answer.toString()).isTrue();
            assertThat(body.path("aggregate_version").asLong()).isEqualTo(3);
            assertThat(body.path("head").asText()).matches("[0-9a-f]{64}");
            assertThat(body.path("first_bad_version").isNull()).isTrue();
            assertThat(body.path("problem").isNull()).isTrue();
        }
        assertThat(verification("martinez", Tokens.family(tenant, "chen")).status()).isEqualTo(403);
        assertThat(verification("martinez", Tokens.coordinator(Tokens.newTenant())).status()).isEqualTo(404);
        assertThat(verification("nobody", sarah).status()).isEqualTo(404);
        assertThat(verification("martinez", Tokens.claims("nobody", tenant, "")).status()).isEqualTo(403);
    }

    @Test
    void the_csv_export_parses_as_rfc_4180_and_the_auditors_script_recomputes_the_head_the_api_reports()
            throws Exception {
        enrol("okafor");
        String head = verification("okafor", sarah).body().path("head").asText();

        Answer csv = api.send(ApiCall.to(HISTORY, "Family", "okafor").query("format", "csv").as(sarah));

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<Map<String, String>> rows = parsed(csv.rawBody());
        assertThat(rows).hasSize(4);
        assertThat(rows.getFirst().get("event_type")).isEqualTo("FamilyEnrolled");
        assertThat(Json.mapper().readTree(rows.getFirst().get("payload")).path("family_name").asText())
                .isEqualTo(name + ", \"the\" family");
        assertThat(rows.getFirst().get("stored_payload")).doesNotContain(name);
        assertThat(Json.mapper().readTree(rows.get(1).get("payload")).path("child_name").asText())
                .isEqualTo("Ann\nMarie");
        assertThat(rows.getLast().get("event_id")).isEqualTo("#verification");
        assertThat(rows.getLast().get("event_type")).isEqualTo("verified");
        assertThat(rows.getLast().get("chain_hash")).isEqualTo(head);
        assertThat(script(csv.rawBody())).isEqualTo(head);
    }

    @Test
    void erasing_a_familys_personal_data_leaves_its_history_verifying_before_and_after_a_rebuild() throws Exception {
        enrol("chen");
        String before = verification("chen", sarah).body().path("head").asText();

        Answer erased = api.send(ApiCall.to(ERASURE, "Family", "chen").as(Tokens.admin(tenant))
                .body("{\"reason\": \"GDPR request\"}"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

        JsonNode after = verification("chen", sarah).body();
        assertThat(after.path("verified").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.path("aggregate_version").asLong()).isEqualTo(4);
        assertThat(after.path("head").asText()).isNotEqualTo(before);
        Answer csv = api.send(ApiCall.to(HISTORY, "Family", "chen").query("format", "csv").as(sarah));
        List<Map<String, String>> rows = parsed(csv.rawBody());
        assertThat(Json.mapper().readTree(rows.getFirst().get("payload")).path("family_name").isNull()).isTrue();
        assertThat(csv.rawBody()).doesNotContain(name);
        assertThat(script(csv.rawBody())).isEqualTo(after.path("head").asText());

        rebuild();
        assertThat(verification("chen", sarah).body()).isEqualTo(after);
    }

    @Test
    void paging_parameters_and_unknown_formats_are_refused_with_the_field_named() {
        enrol("patel");

        Answer paged = api.send(ApiCall.to(HISTORY, "Family", "patel").query("format", "csv").query("limit", "2")
                .as(sarah));
        Answer unknown = api.send(ApiCall.to(HISTORY, "Family", "patel").query("format", "xml").as(sarah));

        assertThat(paged.status()).isEqualTo(400);
        assertThat(paged.rawBody()).contains("limit");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.rawBody()).contains("format");
    }

    private void rebuild() throws InterruptedException {
        Answer started = api.send(ApiCall.to(REBUILD, "family-summary").body("{}").as(Tokens.operator("platform")));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.body().path("rebuild_id").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Optional<RebuildProgress> done = rebuilds.progress("family-summary")
                    .filter(progress -> progress.rebuildId().equals(id) && progress.finishedAt().isPresent());
            if (done.isPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild did not finish");
    }

    /** The export's rows, by Python's csv module (RFC 4180), as JSON objects keyed by the header. */
    private static List<Map<String, String>> parsed(String csv) throws Exception {
        String json = python(csv, "import csv, json, sys; "
                + "print(json.dumps(list(csv.DictReader(sys.stdin))))");
        return Json.mapper().readValue(json, Json.mapper().getTypeFactory()
                .constructCollectionType(List.class, Map.class));
    }

    private static String script(String csv) throws Exception {
        return python(csv, null).strip();
    }

    private static String python(String input, String program) throws IOException, InterruptedException {
        Path file = Files.createTempFile("export", ".csv");
        Files.writeString(file, input, StandardCharsets.UTF_8);
        List<String> command = program == null ? List.of("python3", "tools/verify_chain.py", file.toString())
                : List.of("python3", "-c", program);
        Process process = new ProcessBuilder(command).redirectInput(program == null
                ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(file.toFile())).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        Files.delete(file);
        return out;
    }
}
