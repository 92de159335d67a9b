package coop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.local.LocalApiServer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's Chen story, end to end over real HTTP with the stream live: "we got locked out of the portal but we
 * paid on time!" The trigger locks the portal on the overdue payment, the explain route says why, and the payment
 * unlocks it again; the read models follow.
 */
@QuarkusTest
@TestProfile(LiveStreamProfile.class)
class ChenStoryTest {

    private static final Duration STREAM_LAG = Duration.ofSeconds(20);

    @Inject
    LocalApiServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = Tokens.newTenant();
    private final String coordinator = token("sarah", "[\"coordinator\"]", "");
    private final String admin = token("root", "[\"admin\"]", "");
    private final String operator = token("olga", "[\"operator\"]", "");
    private final String chenParent = token("mei", "[\"family\"]", ",\"family_id\":\"chen\"");

    @Test
    void an_overdue_payment_locks_the_portal_explain_says_why_and_the_payment_unlocks_it() throws Exception {
        assertThat(post("/aggregates/Family/chen/events", """
                {"expected_version": 0, "correlation_id": "chen-fees-october", "events": [
                  {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Chen Family", "enrollment_date": "2024-09-01"}},
                  {"event_type": "PaymentDue", "event_data": {"amount": 450, "due_date": "2024-10-01"}}]}
                """).statusCode()).isEqualTo(201);
        HttpResponse<String> overdue = post("/aggregates/Family/chen/events", """
                {"expected_version": 2, "correlation_id": "chen-fees-october", "events": [
                  {"event_id": "chen-overdue-1", "event_type": "PaymentOverdue", "event_data": {"amount": 450, "due_date": "2024-10-01"}}]}
                """);
        assertThat(overdue.statusCode()).as(overdue.body()).isEqualTo(201);

        JsonNode locked = awaitJson("/families/chen/summary", chenParent,
                summary -> summary.path("portal_access").asText().equals("locked"));
        assertThat(locked.path("payment_status").asText()).isEqualTo("overdue");
        assertThat(locked.path("aggregate_version").asLong()).isEqualTo(4);

        JsonNode why = json(get("/aggregates/Family/chen/explain?field=portal_access", chenParent));
        assertThat(why.path("value").asText()).isEqualTo("locked");
        assertThat(why.path("changed_by").path("event_type").asText()).isEqualTo("PortalAccessLocked");
        assertThat(why.path("changed_by").path("user_id").asText()).isEqualTo("trigger:lock-portal-on-overdue");
        assertThat(why.path("changed_by").path("correlation_id").asText()).isEqualTo("chen-fees-october");
        assertThat(eventTypes(why.path("causation_chain"))).containsExactly("PortalAccessLocked", "PaymentOverdue");
        assertThat(why.path("causation_chain").get(1).path("event_id").asText()).isEqualTo("chen-overdue-1");

        JsonNode overdueList = json(get("/families?payment_status=overdue", coordinator));
        assertThat(familyIds(overdueList)).containsExactly("chen");

        assertThat(post("/aggregates/Family/chen/events", """
                {"expected_version": 4, "events": [{"event_type": "PaymentReceived",
                  "event_data": {"amount": 450, "date": "2024-10-20", "payment_method": "card"}}]}
                """).statusCode()).isEqualTo(201);

        JsonNode restored = awaitJson("/families/chen/summary", chenParent,
                summary -> summary.path("portal_access").asText().equals("active"));
        assertThat(restored.path("payment_status").asText()).isEqualTo("paid");
        JsonNode whyNow = json(get("/aggregates/Family/chen/explain?field=portal_access", coordinator));
        assertThat(eventTypes(whyNow.path("causation_chain"))).containsExactly("PortalAccessRestored", "PaymentReceived");
        assertThat(familyIds(json(get("/families?payment_status=overdue", coordinator)))).isEmpty();
        assertThat(familyIds(json(get("/families?payment_status=paid", coordinator)))).containsExactly("chen");
    }

    @Test
    void a_rebuilt_summary_equals_the_one_kept_from_the_stream() throws Exception {
        assertThat(post("/aggregates/Family/okafor/events", """
                {"expected_version": 0, "events": [
                  {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Okafor Family", "enrollment_date": "2024-09-01"}},
                  {"event_type": "ChildAdded", "event_data": {"child_name": "Ada", "age": 9, "grade": 4}},
                  {"event_type": "PaymentDue", "event_data": {"amount": 300, "due_date": "2024-10-01"}}]}
                """).statusCode()).isEqualTo(201);
        JsonNode incremental = awaitJson("/families/okafor/summary", coordinator,
                summary -> summary.path("aggregate_version").asLong() == 3);

        HttpResponse<String> refused = post("/projections/family-summary/rebuild", "{}", admin);
        assertThat(refused.statusCode()).as("a rebuild covers every co-op: " + refused.body()).isEqualTo(403);
        assertThat(json(refused).path("message").asText()).contains("operator");
        HttpResponse<String> rebuild = post("/projections/family-summary/rebuild", "{}", operator);
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
        assertThat(json(rebuild).path("status").asText()).isEqualTo("rebuilding");
        String rebuildId = json(rebuild).path("rebuild_id").asText();

        // The rebuild runs in the background (asynchronous invocations in AWS); the model is current once it is done.
        JsonNode projections = awaitJson("/projections", operator, all -> all.path("projections").findParents(
                "projection_name").stream().anyMatch(p -> p.path("projection_name").asText().equals("family-summary")
                && p.path("status").asText().equals("running")
                && p.path("rebuild").path("rebuild_id").asText().equals(rebuildId)
                && p.path("rebuild").hasNonNull("finished_at")));
        assertThat(json(get("/families/okafor/summary", coordinator))).isEqualTo(incremental);
        assertThat(projections.path("projections").findValuesAsText("projection_name"))
                .contains("family-summary", "lock-portal-on-overdue", "restore-portal-on-payment", "snapshots", "event-feed");
        assertThat(post("/projections/family-summary/rebuild", "{}", coordinator).statusCode()).isEqualTo(403);
        assertThat(post("/projections/no-such-projection/rebuild", "{}", operator).statusCode()).isEqualTo(404);
        assertThat(get("/projections", coordinator).body()).as("the platform's figures are the operators'")
                .contains("family-summary").doesNotContain(rebuildId, "events_total");
    }

    @Test
    void a_family_reads_only_its_own_summary() throws Exception {
        assertThat(get("/families/martinez/summary", chenParent).statusCode()).isEqualTo(403);
        assertThat(get("/families?payment_status=overdue", chenParent).statusCode()).isEqualTo(403);
        assertThat(get("/families?payment_status=late", coordinator).statusCode()).isEqualTo(400);
        assertThat(get("/families/nobody/summary", coordinator).statusCode()).isEqualTo(404);
    }

    private JsonNode awaitJson(String path, String token, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(STREAM_LAG);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path, token);
            if (last.statusCode() == 200 && done.test(json(last))) {
                return json(last);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching answer from " + path + " within " + STREAM_LAG + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, coordinator);
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json"), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private String token(String user, String roles, String extra) {
        return Tokens.unsigned("{\"sub\":\"" + user + "\",\"tenant_id\":\"" + tenant + "\",\"roles\":" + roles + extra + "}");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    private static List<String> eventTypes(JsonNode envelopes) {
        List<String> types = new ArrayList<>();
        envelopes.forEach(envelope -> types.add(envelope.path("event_type").asText()));
        return types;
    }

    private static List<String> familyIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("families").forEach(family -> ids.add(family.path("family_id").asText()));
        return ids;
    }
}
