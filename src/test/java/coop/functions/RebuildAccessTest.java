package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.AppendRequest;
import coop.app.EventService;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.store.Checkpoint;
import coop.store.ExpectedVersion;
import coop.store.Rebuild;
import coop.store.RebuildProgress;
import coop.testing.ApiCall;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /projections/{name}/rebuild} and what {@code GET /projections} shows of a rebuild, for every role of two
 * tenants and for operators. A rebuild reads every tenant's events, so only an operator starts one, and so replaces
 * a running one; a tenant sees it only as the status {@code rebuilding}, never its figures.
 */
@QuarkusTest
class RebuildAccessTest extends HeldRebuildTest {

    static final String[] FIGURES = {"events_total", "events_done", "segments_done", "total_segments"};

    @Inject
    EventService events;

    final String north = Tokens.newTenant();
    final String south = Tokens.newTenant();
    final Map<String, String> familyOf = Map.of(north, "north-" + UUID.randomUUID().toString().substring(0, 8),
            south, "south-" + UUID.randomUUID().toString().substring(0, 8));

    @BeforeEach
    void bothTenantsHaveAFamily() {
        familyOf.forEach(this::enrol);
    }

    @Test
    void only_an_operator_starts_a_rebuild_and_no_tenant_caller_replaces_the_running_one() throws Exception {
        for (String tenant : familyOf.keySet()) {
            assertThat(summaryOf(tenant).status()).as("no summary before the rebuild").isEqualTo(404);
        }
        String running = started(rebuild(Tokens.operator("platform")));
        Rebuild before = rebuilds.current(NAME).orElseThrow();

        for (Map<String, String> caller : tenantCallers()) {
            Answer refused = rebuild(caller);
            assertThat(refused.status()).as("%s: %s", caller, refused).isEqualTo(403);
            assertThat(refused.error()).isEqualTo("forbidden");
            assertThat(refused.body().path("message").asText()).contains("operator");
        }

        assertThat(before.id()).isEqualTo(running);
        assertThat(rebuilds.current(NAME)).as("the running rebuild, unchanged").contains(before);
        assertThat(rebuilds.segments(running)).hasSize(settings.segments())
                .allSatisfy(segment -> assertThat(segment.pages()).isZero());
        assertThat(checkpoints.find(NAME).orElseThrow().status()).isEqualTo(Checkpoint.Status.REBUILDING);
        assertThat(held.heldCount()).as("only the operator's segments were launched").isEqualTo(settings.segments());

        String replacement = started(rebuild(Tokens.operator(north)));
        assertThat(replacement).as("an operator may restart it").isNotEqualTo(running);
        held.release();
        RebuildProgress done = awaitFinished(replacement);

        assertThat(done.segmentsDone()).isEqualTo(settings.segments());
        assertThat(rebuilds.segments(running)).as("the replaced rebuild's segments stopped at once")
                .allSatisfy(segment -> assertThat(segment.pages()).isZero());
        for (String tenant : familyOf.keySet()) {
            Answer summary = summaryOf(tenant);
            assertThat(summary.status()).as("the rebuild covers every tenant: %s", summary).isEqualTo(200);
            assertThat(summary.body().path("aggregate_version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void tenants_see_a_running_rebuild_only_as_its_status_and_operators_see_its_figures() throws Exception {
        String running = started(rebuild(Tokens.operator("platform")));

        for (Map<String, String> caller : tenantCallers()) {
            Answer answer = projections(caller);
            if (caller.containsKey("family_id")) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
                continue;
            }
            JsonNode entry = familySummaryEntry(answer);
            assertThat(entry.path("status").asText()).isEqualTo("rebuilding");
            assertThat(entry.path("rebuild").isNull()).as(answer.toString()).isTrue();
            assertThat(answer.rawBody()).doesNotContain(running).doesNotContain(FIGURES);
        }
        for (String tenant : List.of("platform", north)) {
            JsonNode rebuild = familySummaryEntry(projections(Tokens.operator(tenant))).path("rebuild");
            assertThat(rebuild.path("rebuild_id").asText()).isEqualTo(running);
            assertThat(rebuild.path("total_segments").asInt()).isEqualTo(settings.segments());
            assertThat(rebuild.path("segments_done").asInt()).isZero();
            assertThat(rebuild.path("events_total").isIntegralNumber()).as(rebuild.toString()).isTrue();
        }

        held.release();
        awaitFinished(running);

        JsonNode after = familySummaryEntry(projections(Tokens.admin(north)));
        assertThat(after.path("status").asText()).isEqualTo("running");
        assertThat(after.path("rebuild").isNull()).isTrue();
        JsonNode operatorAfter = familySummaryEntry(projections(Tokens.operator("platform")));
        assertThat(operatorAfter.path("rebuild").path("segments_done").asInt()).isEqualTo(settings.segments());
        assertThat(operatorAfter.path("rebuild").hasNonNull("finished_at")).isTrue();
    }

    /** Coordinator, auditor, admin and a parent, of each tenant: of the tenant whose data is rebuilt and of another. */
    List<Map<String, String>> tenantCallers() {
        List<Map<String, String>> callers = new ArrayList<>();
        familyOf.forEach((tenant, familyId) -> callers.addAll(List.of(Tokens.coordinator(tenant),
                Tokens.auditor(tenant), Tokens.admin(tenant), Tokens.family(tenant, familyId))));
        return callers;
    }

    Answer summaryOf(String tenant) {
        return api.send(ApiCall.to("GET /families/{family_id}/summary", familyOf.get(tenant))
                .as(Tokens.coordinator(tenant)));
    }

    void enrol(String tenant, String familyId) {
        events.append(new AppendRequest(tenant, Family.NAME, familyId, ExpectedVersion.noStream(),
                List.of(new ProposedEvent(Optional.empty(), "FamilyEnrolled", Optional.empty(),
                        Map.of("family_name", familyId, "enrollment_date", "2024-09-01"))),
                "coordinator-1", Optional.empty(), Optional.empty()));
    }
}
