package coop.functions;

import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.store.dynamodb.Timestamps;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static coop.functions.FamilyCalls.APPEND;
import static coop.functions.FamilyCalls.EVENTS;
import static coop.functions.FamilyCalls.EXPLAIN;
import static coop.functions.FamilyCalls.FAMILIES;
import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.REVERT;
import static coop.functions.FamilyCalls.enrolment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile requests: each gets its exact status and error code, none gets a 5xx, and none stores
 * anything: the tenant's one family stays at version 1 and no other family appears.
 */
@QuarkusTest
class HostileRequestsTest {

    private static final String VICTIM = "victim";
    private static final String GHOST = "ghost";
    private static final String PAYMENT_DUE = "{\"amount\": 450, \"due_date\": \"2024-10-15\"}";

    @Inject
    ApiClient api;

    /** One hostile request, built for the test's fresh tenant. */
    record Case(String name, int status, String error, Function<String, ApiCall> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                append("bad JSON", 400, "invalid_request", GHOST, "{\"expected_version\": 0, \"events\": ["),
                append("body is an array", 400, "invalid_request", GHOST, "[1, 2]"),
                append("empty body", 400, "invalid_request", GHOST, ""),
                append("trailing garbage after the object", 400, "invalid_request", GHOST, enrolment("X") + " {}"),
                append("duplicate keys", 400, "invalid_request", GHOST,
                        "{\"expected_version\": 0, \"expected_version\": 0, \"events\": []}"),
                append("JSON nested 5000 deep", 400, "invalid_request", GHOST, "[".repeat(5000) + "]".repeat(5000)),
                append("expected_version \"later\"", 400, "invalid_request", VICTIM, body("\"later\"", PAYMENT_DUE)),
                append("expected_version -1", 400, "invalid_request", VICTIM, body("-1", PAYMENT_DUE)),
                append("expected_version 1.5", 400, "invalid_request", VICTIM, body("1.5", PAYMENT_DUE)),
                append("expected_version 1e30", 400, "invalid_request", VICTIM, body("1e30", PAYMENT_DUE)),
                append("expected_version as a string \"1\"", 400, "invalid_request", VICTIM, body("\"1\"", PAYMENT_DUE)),
                append("expected_version missing", 400, "invalid_request", VICTIM,
                        "{\"events\": [{\"event_type\": \"PaymentDue\", \"event_data\": " + PAYMENT_DUE + "}]}"),
                append("absurd expected_version Long.MAX", 409, "concurrency_conflict", VICTIM,
                        body(Long.toString(Long.MAX_VALUE), PAYMENT_DUE)),
                append("stale expected_version 0", 409, "concurrency_conflict", VICTIM, body("0", PAYMENT_DUE)),
                append("no events", 400, "invalid_request", VICTIM, "{\"expected_version\": 1, \"events\": []}"),
                append("events is not a list", 400, "invalid_request", VICTIM, "{\"expected_version\": 1, \"events\": {}}"),
                append("50 events", 413, "too_large", VICTIM, manyEvents(50)),
                append("body over 1 MB", 413, "too_large", VICTIM, body("1",
                        "{\"amount\": 450, \"due_date\": \"2024-10-15\", \"pad\": \"" + "x".repeat(1_100_000) + "\"}")),
                append("unknown event type", 400, "invalid_request", VICTIM, oneOf("1", "FamilyTeleported", "{}")),
                append("amount is text", 400, "invalid_request", VICTIM,
                        oneOf("1", "PaymentDue", "{\"amount\": \"lots\", \"due_date\": \"2024-10-15\"}")),
                append("negative amount", 400, "invalid_request", VICTIM,
                        oneOf("1", "PaymentDue", "{\"amount\": -5, \"due_date\": \"2024-10-15\"}")),
                append("date 2024-02-30", 400, "invalid_request", VICTIM,
                        oneOf("1", "PaymentDue", "{\"amount\": 5, \"due_date\": \"2024-02-30\"}")),
                append("child_name of 201 characters", 400, "invalid_request", VICTIM,
                        oneOf("1", "ChildAdded", "{\"child_name\": \"" + "c".repeat(201) + "\"}")),
                append("family_name of 201 characters", 400, "invalid_request", GHOST, enrolment("f".repeat(201))),
                append("children_count 21", 400, "invalid_request", GHOST, oneOf("0", "FamilyEnrolled",
                        "{\"family_name\": \"G\", \"enrollment_date\": \"2024-09-01\", \"children_count\": 21}")),
                append("payment_method of 101 characters", 400, "invalid_request", VICTIM, oneOf("1", "PaymentReceived",
                        "{\"amount\": 5, \"date\": \"2024-10-01\", \"payment_method\": \"" + "m".repeat(101) + "\"}")),
                append("reason of 2,001 characters", 400, "invalid_request", VICTIM,
                        oneOf("1", "PortalAccessLocked", "{\"reason\": \"" + "r".repeat(2_001) + "\"}")),
                append("enrollment_date 0000-01-01", 400, "invalid_request", GHOST, oneOf("0", "FamilyEnrolled",
                        "{\"family_name\": \"G\", \"enrollment_date\": \"0000-01-01\"}")),
                append("due_date 1899-12-31", 400, "invalid_request", VICTIM,
                        oneOf("1", "PaymentDue", "{\"amount\": 5, \"due_date\": \"1899-12-31\"}")),
                append("due_date 2126-01-01", 400, "invalid_request", VICTIM,
                        oneOf("1", "PaymentDue", "{\"amount\": 5, \"due_date\": \"2126-01-01\"}")),
                append("event_version 99", 400, "invalid_request", VICTIM,
                        "{\"expected_version\": 1, \"events\": [{\"event_type\": \"PaymentDue\", \"event_version\": 99, "
                                + "\"event_data\": " + PAYMENT_DUE + "}]}"),
                append("event_data null", 400, "invalid_request", VICTIM,
                        "{\"expected_version\": 1, \"events\": [{\"event_type\": \"PaymentDue\", \"event_data\": null}]}"),
                append("user_id in the body", 400, "invalid_request", VICTIM,
                        "{\"expected_version\": 1, \"user_id\": \"mallory\", \"events\": [{\"event_type\": \"PaymentDue\", "
                                + "\"event_data\": " + PAYMENT_DUE + "}]}"),
                append("event_id a#b", 400, "invalid_request", VICTIM,
                        "{\"expected_version\": 1, \"events\": [{\"event_id\": \"a#b\", \"event_type\": \"PaymentDue\", "
                                + "\"event_data\": " + PAYMENT_DUE + "}]}"),
                append("correlation_id of 201 characters", 400, "invalid_request", VICTIM,
                        "{\"expected_version\": 1, \"correlation_id\": \"" + "c".repeat(201) + "\", \"events\": [{"
                                + "\"event_type\": \"PaymentDue\", \"event_data\": " + PAYMENT_DUE + "}]}"),
                append("enrolled twice", 422, "rule_violation", VICTIM,
                        oneOf("1", "FamilyEnrolled", "{\"family_name\": \"V\", \"enrollment_date\": \"2024-09-01\"}")),
                append("aggregate id ../x", 400, "invalid_request", "../x", enrolment("X")),
                append("aggregate id a#b", 400, "invalid_request", "a#b", enrolment("X")),
                append("aggregate id ' OR 1=1", 400, "invalid_request", "' OR 1=1", enrolment("X")),
                new Case("unknown aggregate type", 404, "unknown_aggregate_type",
                        tenant -> ApiCall.to(APPEND, "Dog", GHOST).as(Tokens.coordinator(tenant)).body(enrolment("X"))),
                new Case("no token", 401, "unauthenticated",
                        tenant -> ApiCall.to(APPEND, "Family", GHOST).body(enrolment("X"))),
                new Case("token without tenant", 401, "unauthenticated", tenant -> ApiCall.to(APPEND, "Family", GHOST)
                        .as(Map.of("sub", "sarah", "roles", "coordinator")).body(enrolment("X"))),
                new Case("token with an injection-looking tenant", 401, "unauthenticated",
                        tenant -> ApiCall.to(APPEND, "Family", GHOST)
                                .as(Tokens.claims("sarah", "a#b", "coordinator")).body(enrolment("X"))),
                new Case("auditor appends", 403, "forbidden",
                        tenant -> ApiCall.to(APPEND, "Family", GHOST).as(Tokens.auditor(tenant)).body(enrolment("X"))),
                new Case("family appends to itself", 403, "forbidden",
                        tenant -> ApiCall.to(APPEND, "Family", VICTIM).as(Tokens.family(tenant, VICTIM))
                                .body(body("1", PAYMENT_DUE))),
                new Case("unknown role", 403, "forbidden", tenant -> ApiCall.to(APPEND, "Family", GHOST)
                        .as(Tokens.claims("eve", tenant, "[superuser]")).body(enrolment("X"))),
                new Case("wrong tenant reads", 404, "not_found",
                        tenant -> ApiCall.to(LOAD, "Family", VICTIM).as(Tokens.coordinator(Tokens.newTenant()))),
                new Case("family reads another family", 403, "forbidden",
                        tenant -> ApiCall.to(HISTORY, "Family", VICTIM).as(Tokens.family(tenant, "other"))),
                new Case("family queries events", 403, "forbidden", tenant -> ApiCall.to(EVENTS)
                        .query("event_type", "FamilyEnrolled").as(Tokens.family(tenant, VICTIM))),
                read("limit=0", 400, HISTORY, "limit", "0"),
                read("limit=5000", 400, HISTORY, "limit", "5000"),
                read("bad page_token", 400, HISTORY, "page_token", "not-a-token"),
                read("from_version=-3", 400, HISTORY, "from_version", "-3"),
                read("as_of not an instant", 400, LOAD, "as_of", "yesterday"),
                read("as_of 2024-02-30", 400, LOAD, "as_of", "2024-02-30T00:00:00Z"),
                read("version=0", 400, LOAD, "version", "0"),
                read("version beyond a long", 400, LOAD, "version", "99999999999999999999"),
                read("explain of an unknown field", 400, EXPLAIN, "field", "shoe_size"),
                read("explain of a field with SQL in it", 400, EXPLAIN, "field", "x' OR 1=1"),
                new Case("event query without a filter", 400, "invalid_request",
                        tenant -> ApiCall.to(EVENTS).as(Tokens.auditor(tenant))),
                new Case("event query with since after until", 400, "invalid_request", tenant -> ApiCall.to(EVENTS)
                        .query("event_type", "FamilyEnrolled").query("since", "2025-01-01T00:00:00Z")
                        .query("until", "2024-01-01T00:00:00Z").as(Tokens.auditor(tenant))),
                new Case("event query with since 2024-02-30", 400, "invalid_request", tenant -> ApiCall.to(EVENTS)
                        .query("event_type", "FamilyEnrolled").query("since", "2024-02-30T00:00:00Z")
                        .as(Tokens.auditor(tenant))),
                streamToken("stream token with after \"abc\"", Map.of("after", "abc")),
                streamToken("stream token with after \"\"", Map.of("after", "")),
                streamToken("stream token without after", Map.of()),
                streamToken("stream token with a huge after", Map.of("after", "9".repeat(40))),
                streamToken("stream token with a negative after", Map.of("after", "-5")),
                typeCursor("type cursor with a non-numeric version", "x|abc|2024-01-01T00:00:00.000000Z|FamilyEnrolled|%s|0"),
                typeCursor("type cursor with a non-numeric shard", "x|1|2024-01-01T00:00:00.000000Z|FamilyEnrolled|%s|zz"),
                typeCursor("type cursor of another tenant", "x|1|2024-01-01T00:00:00.000000Z|FamilyEnrolled|other|0"),
                typeCursor("type cursor with too few parts", "x|1|%s"),
                new Case("listing token missing a key", 400, "invalid_request", tenant -> ApiCall.to(FAMILIES)
                        .query("payment_status", "due").query("page_token", token(Map.of(
                                "q", "listing:" + tenant + "#family_summary#payment_status#due", "pk", "x")))
                        .as(Tokens.coordinator(tenant))),
                new Case("listing token with a row id no row can have", 400, "invalid_request", tenant -> ApiCall.to(FAMILIES)
                        .query("payment_status", "due").query("page_token", token(Map.of(
                                "q", "listing:" + tenant + "#family_summary#payment_status#due", "ls", "x".repeat(3000))))
                        .as(Tokens.coordinator(tenant))),
                read("junk page_token %%%", 400, HISTORY, "page_token", "%%%"),
                new Case("junk page_token %%% on an event query", 400, "invalid_request", tenant -> ApiCall.to(EVENTS)
                        .query("event_type", "FamilyEnrolled").query("page_token", "%%%").as(Tokens.auditor(tenant))),
                append("lone surrogate in event_data", 400, "invalid_request", VICTIM,
                        oneOf("1", "ChildAdded", "{\"child_name\": \"So\\ud800fia\"}")),
                append("lone surrogate in a field name", 400, "invalid_request", VICTIM,
                        oneOf("1", "ChildAdded", "{\"child_name\": \"Sofia\", \"\\udc00\": 1}")),
                append("lone surrogate in event_type", 400, "invalid_request", VICTIM, oneOf("1", "\\ud800", "{}")),
                append("lone surrogate in correlation_id", 400, "invalid_request", VICTIM,
                        "{\"expected_version\": 1, \"correlation_id\": \"\\ud800\", \"events\": [{"
                                + "\"event_type\": \"PaymentDue\", \"event_data\": " + PAYMENT_DUE + "}]}"),
                new Case("lone surrogate in a revert reason", 400, "invalid_request", tenant -> ApiCall.to(REVERT, "c1")
                        .as(Tokens.admin(tenant)).body("{\"reason\": \"oops \\udfff\"}")),
                tenant("tenant_id null", "null"),
                tenant("tenant_id a number", "42"),
                tenant("tenant_id a decimal", "4.2e1"),
                tenant("tenant_id a boolean", "true"),
                revertAs("role ADMIN with a space", "ADMIN "),
                revertAs("role admin with a dotless i", "adm\u0131n"),
                revertAs("role admin with a NUL", "[\"admin\\u0000\"]"),
                revertAs("role Admin", "Admin"),
                new Case("revert without a reason", 400, "invalid_request",
                        tenant -> ApiCall.to(REVERT, "c1").as(Tokens.admin(tenant)).body("{}")),
                new Case("revert by a family", 403, "forbidden", tenant -> ApiCall.to(REVERT, "c1")
                        .as(Tokens.family(tenant, VICTIM)).body("{\"reason\": \"x\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostile_request_gets_its_exact_error_and_stores_nothing(Case hostile) {
        String tenant = Tokens.newTenant();
        assertThat(api.send(FamilyCalls.append(VICTIM, Tokens.coordinator(tenant), enrolment("Victim"))).status())
                .isEqualTo(201);

        Answer answer = api.send(hostile.call().apply(tenant));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(hostile.status());
        assertThat(answer.error()).as(answer.toString()).isEqualTo(hostile.error());
        assertThat(answer.body().path("message").asText()).isNotBlank();
        Answer victim = api.send(ApiCall.to(LOAD, "Family", VICTIM).as(Tokens.coordinator(tenant)));
        assertThat(victim.body().path("aggregate_version").asLong()).isEqualTo(1);
        assertThat(api.send(ApiCall.to(HISTORY, "Family", GHOST).as(Tokens.coordinator(tenant))).status()).isEqualTo(404);
        assertThat(api.send(ApiCall.to(EVENTS).query("event_type", "PaymentDue").as(Tokens.coordinator(tenant)))
                .body().path("events")).isEmpty();
    }

    private static Case append(String name, int status, String error, String familyId, String body) {
        return new Case(name, status, error,
                tenant -> ApiCall.to(APPEND, "Family", familyId).as(Tokens.coordinator(tenant)).body(body));
    }

    /** A token for the victim's history, as the store encodes them, with {@code fields} besides the query. */
    private static Case streamToken(String name, Map<String, String> fields) {
        return new Case(name, 400, "invalid_request", tenant -> {
            Map<String, String> token = new java.util.HashMap<>(fields);
            token.put("q", "stream:" + tenant + "#Family#" + VICTIM);
            return ApiCall.to(HISTORY, "Family", VICTIM).query("page_token", token(token)).as(Tokens.coordinator(tenant));
        });
    }

    /** A type query's token whose first shard's cursor is {@code cursor} (%s: the tenant). */
    private static Case typeCursor(String name, String cursor) {
        String since = "2024-01-01T00:00:00Z";
        String until = "2030-01-01T00:00:00Z";
        return new Case(name, 400, "invalid_request", tenant -> ApiCall.to(EVENTS)
                .query("event_type", "FamilyEnrolled").query("since", since).query("until", until)
                .query("page_token", token(Map.of("q", String.join("|", "type", tenant, "FamilyEnrolled",
                        Timestamps.format(Instant.parse(since)), Timestamps.format(Instant.parse(until))),
                        "s0", cursor.formatted(tenant))))
                .as(Tokens.auditor(tenant)));
    }

    /** API Gateway hands non-string claims over as their JSON text. */
    private static Case tenant(String name, String renderedTenant) {
        return new Case(name, 401, "unauthenticated", tenant -> ApiCall.to(APPEND, "Family", GHOST)
                .as(Tokens.claims("sarah", renderedTenant, "coordinator")).body(enrolment("X")));
    }

    private static Case revertAs(String name, String roles) {
        return new Case(name, 403, "forbidden", tenant -> ApiCall.to(REVERT, "c1")
                .as(Tokens.claims("mallory", tenant, roles)).body("{\"reason\": \"x\"}"));
    }

    private static String token(Map<String, String> fields) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(new ObjectMapper().writeValueAsBytes(fields));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Case read(String name, int status, String routeKey, String parameter, String value) {
        return new Case(name, status, "invalid_request", tenant -> ApiCall.to(routeKey, "Family", VICTIM)
                .query(parameter, value).as(Tokens.coordinator(tenant)));
    }

    private static String body(String expectedVersion, String paymentDue) {
        return oneOf(expectedVersion, "PaymentDue", paymentDue);
    }

    private static String oneOf(String expectedVersion, String eventType, String data) {
        return "{\"expected_version\": " + expectedVersion + ", \"events\": [{\"event_type\": \"" + eventType
                + "\", \"event_data\": " + data + "}]}";
    }

    private static String manyEvents(int count) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < count; i++) {
            events.append(i == 0 ? "" : ",").append("{\"event_type\": \"ChildAdded\", \"event_data\": {\"child_name\": \"c")
                    .append(i).append("\"}}");
        }
        return "{\"expected_version\": 1, \"events\": [" + events + "]}";
    }
}
