package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.AggregateRepository;
import coop.config.TableNames;
import coop.store.Erasure;
import coop.store.EventStore;
import coop.store.StreamId;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static coop.functions.FamilyCalls.EVENT;
import static coop.functions.FamilyCalls.EXPLAIN;
import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /aggregates/Family/{id}/erasure through the functions, on moto's DynamoDB and KMS. */
@QuarkusTest
class ErasureTest {

    private static final String ERASURE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";
    private static final String REASON = "{\"reason\": \"GDPR request 2024-117\"}";

    @Inject
    ApiClient api;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TableNames tables;

    @Inject
    AggregateRepository aggregates;

    @Inject
    EventStore store;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    private final Map<String, String> admin = Tokens.admin(tenant);
    /** Names found nowhere else, so any trace of them in a table is a leak. */
    private final String name = "Zyx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String child = "Quil" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private void enrolWithChild(String familyId) {
        assertThat(api.send(append(familyId, sarah, """
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled", "event_data":
                 {"family_name": "%s", "enrollment_date": "2024-09-01", "parent_name": "Pat %s"}},
                 {"event_type": "ChildAdded", "event_data": {"child_name": "%s", "age": 9, "grade": 4}},
                 {"event_type": "PaymentDue", "event_data": {"amount": 120, "due_date": "2024-10-01"}}]}
                """.formatted(name, name, child))).status()).isEqualTo(201);
    }

    private Answer erase(String familyId, Map<String, String> caller, String body) {
        return api.send(ApiCall.to(ERASURE, "Family", familyId).as(caller).body(body));
    }

    @Test
    void an_erased_family_reads_with_personal_fields_null_and_everything_else_unchanged() {
        enrolWithChild("chen");
        JsonNode before = api.send(ApiCall.to(HISTORY, "Family", "chen").as(sarah)).body();

        Answer erased = erase("chen", admin, REASON);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.body().path("aggregate_id").asText()).isEqualTo("chen");
        assertThat(erased.body().path("aggregate_version").asLong()).isEqualTo(4);
        assertThat(erased.body().path("event_id").asText()).isNotBlank();
        assertThat(erased.body().path("erased_at").asText()).isNotBlank();
        JsonNode loaded = api.send(ApiCall.to(LOAD, "Family", "chen").as(sarah)).body();
        assertThat(loaded.path("erased_fields")).extracting(JsonNode::asText).as(loaded.toString())
                .containsExactly("family_name", "children.child_name", "children.age", "children.grade", "email");
        JsonNode state = loaded.path("state");
        assertThat(state.path("family_name").isNull()).as(state.toString()).isTrue();
        assertThat(state.path("children").get(0).path("child_name").isNull()).as(state.toString()).isTrue();
        assertThat(state.path("children").get(0).path("age").isNull()).isTrue();
        assertThat(state.path("enrollment_date").asText()).isEqualTo("2024-09-01");
        assertThat(state.path("balance_due").asInt()).isEqualTo(120);
        JsonNode events = api.send(ApiCall.to(HISTORY, "Family", "chen").as(sarah)).body().path("events");
        assertThat(events).hasSize(4);
        JsonNode enrolled = events.get(0);
        assertThat(enrolled.path("event_data").path("family_name").isNull()).isTrue();
        assertThat(enrolled.path("event_data").path("parent_name").isNull()).isTrue();
        assertThat(enrolled.path("event_data").path("enrollment_date").asText()).isEqualTo("2024-09-01");
        assertThat(enrolled.path("erased_fields")).extracting(JsonNode::asText)
                .containsExactly("family_name", "parent_name");
        assertThat(events.get(1).path("erased_fields")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("child_name", "age", "grade");
        assertThat(events.get(2).has("erased_fields")).as("a PaymentDue has nothing to erase").isFalse();
        JsonNode earlier = before.path("events").get(0);
        for (String unchanged : List.of("event_id", "event_timestamp", "user_id", "correlation_id", "aggregate_version")) {
            assertThat(enrolled.path(unchanged)).as(unchanged).isEqualTo(earlier.path(unchanged));
        }
        assertThat(events.get(3).path("event_type").asText()).isEqualTo("PersonalDataErased");
        assertThat(events.get(3).path("event_data").path("reason").asText()).isEqualTo("GDPR request 2024-117");
        JsonNode childAdded = api.send(ApiCall.to(EVENT, events.get(1).path("event_id").asText()).as(sarah)).body();
        assertThat(childAdded.path("event_data").path("child_name").isNull()).as(childAdded.toString()).isTrue();
        JsonNode asOfVersion = api.send(ApiCall.to(LOAD, "Family", "chen").as(sarah).query("version", "2")).body();
        assertThat(asOfVersion.path("state").path("family_name").isNull()).isTrue();
        assertThat(asOfVersion.path("state").path("children")).hasSize(1);
        JsonNode asOfNow = api.send(ApiCall.to(LOAD, "Family", "chen").as(sarah)
                .query("as_of", java.time.Instant.now().toString())).body();
        assertThat(asOfNow.path("state").path("family_name").isNull()).as(asOfNow.toString()).isTrue();
        JsonNode explained = api.send(ApiCall.to(EXPLAIN, "Family", "chen").as(sarah).query("field", "family_name"))
                .body();
        assertThat(explained.toString()).doesNotContain(name);
        assertThat(explained.path("error").isMissingNode()).as(explained.toString()).isTrue();
    }

    @Test
    void an_old_event_of_an_erased_family_is_still_upcast_on_read() {
        enrolWithChild("nakamura");
        assertThat(api.send(append("nakamura", sarah, """
                {"expected_version": 3, "events": [{"event_type": "PaymentReceived", "event_version": 1,
                 "event_data": {"amount": 120, "date": "2024-10-01"}}]}
                """)).status()).isEqualTo(201);

        assertThat(erase("nakamura", admin, REASON).status()).isEqualTo(200);

        JsonNode payment = api.send(ApiCall.to(HISTORY, "Family", "nakamura").as(sarah)).body().path("events").get(3);
        assertThat(payment.path("event_version").asInt()).as(payment.toString()).isEqualTo(2);
        assertThat(payment.path("event_data").path("payment_method").asText()).isEqualTo("unknown");
        assertThat(payment.path("event_data").path("amount").asInt()).isEqualTo(120);
        assertThat(payment.has("erased_fields")).isFalse();
    }

    @Test
    void the_instance_that_erased_keeps_no_copy_of_the_family_for_its_next_append() {
        enrolWithChild("lee");
        StreamId lee = new StreamId(tenant, "Family", "lee");
        assertThat(aggregates.warm().get(lee)).as("the append left the state warm").isPresent();

        assertThat(erase("lee", admin, REASON).status()).isEqualTo(200);

        assertThat(aggregates.warm().get(lee)).isEmpty();
    }

    @Test
    void erasing_again_answers_the_same_and_stores_nothing() {
        enrolWithChild("lee");
        Answer first = erase("lee", admin, REASON);

        Answer again = erase("lee", Tokens.admin(tenant), "{\"reason\": \"asked twice\"}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(api.send(ApiCall.to(HISTORY, "Family", "lee").as(sarah)).body().path("events")).hasSize(4);
    }

    @Test
    void after_the_erasure_personal_data_is_refused_and_other_events_are_accepted() {
        enrolWithChild("ito");
        erase("ito", admin, REASON);

        Answer child = api.send(append("ito", sarah, oneEvent(4, "ChildAdded", "{\"child_name\": \"Mei\"}")));
        Answer payment = api.send(append("ito", sarah,
                oneEvent(4, "PaymentReceived", "{\"amount\": 120, \"date\": \"2024-10-01\", \"payment_method\": \"check\"}")));

        assertThat(child.status()).as(child.toString()).isEqualTo(422);
        assertThat(child.error()).isEqualTo("rule_violation");
        assertThat(child.body().path("message").asText()).contains("PersonalDataErased");
        assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
    }

    @Test
    void only_an_admin_may_erase_with_a_reason_and_only_an_existing_family_of_the_tenant() {
        enrolWithChild("ruiz");

        assertThat(erase("ruiz", sarah, REASON).status()).isEqualTo(403);
        assertThat(erase("ruiz", Tokens.auditor(tenant), REASON).status()).isEqualTo(403);
        assertThat(erase("ruiz", Tokens.family(tenant, "ruiz"), REASON).status()).isEqualTo(403);
        assertThat(erase("ruiz", admin, "{}").status()).isEqualTo(400);
        assertThat(erase("ruiz", admin, "{\"reason\": \"  \"}").status()).isEqualTo(400);
        assertThat(erase("ruiz", admin, "{\"reason\": \"x\", \"user_id\": \"eve\"}").status()).isEqualTo(400);
        assertThat(erase("nobody", admin, REASON).status()).isEqualTo(404);
        assertThat(erase("ruiz", Tokens.admin(Tokens.newTenant()), REASON).status()).isEqualTo(404);
        // Nothing of the refused requests was stored: the family still reads in clear.
        JsonNode state = api.send(ApiCall.to(LOAD, "Family", "ruiz").as(sarah)).body().path("state");
        assertThat(state.path("family_name").asText()).isEqualTo(name);
        assertThat(api.send(ApiCall.to(HISTORY, "Family", "ruiz").as(sarah)).body().path("events")).hasSize(3);
    }

    @Test
    void admins_racing_to_erase_store_one_event_and_all_get_the_same_answer() throws Exception {
        int admins = 4;
        for (int round = 0; round < 8; round++) {
            String familyId = "race-" + round;
            enrolWithChild(familyId);
            CyclicBarrier start = new CyclicBarrier(admins);
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int a = 0; a < admins; a++) {
                Map<String, String> caller = Tokens.claims("admin-" + a, tenant, "admin");
                Thread thread = new Thread(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                        answers.add(erase(familyId, caller, REASON));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }

            assertThat(answers).hasSize(admins).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
            assertThat(answers.stream().map(Answer::body).distinct()).hasSize(1);
            JsonNode events = api.send(ApiCall.to(HISTORY, "Family", familyId).as(sarah)).body().path("events");
            assertThat(events).hasSize(4);
            assertThat(events.get(3).path("event_type").asText()).isEqualTo("PersonalDataErased");
            Erasure erasure = store.findErasure(new StreamId(tenant, "Family", familyId))
                    .orElseThrow(() -> new AssertionError("the key item was not replaced by the erasure's record"));
            assertThat(erasure.eventId()).isEqualTo(events.get(3).path("event_id").asText())
                    .isEqualTo(answers.peek().body().path("event_id").asText());
            assertThat(events.toString()).as("the key is gone: nothing reads").doesNotContain(name).doesNotContain(child);
        }
    }

    @Test
    void appends_of_personal_data_racing_an_erasure_either_landed_before_it_and_are_erased_or_are_refused()
            throws Exception {
        int writers = 3;
        for (int round = 0; round < 5; round++) {
            String familyId = "racing-appends-" + round;
            enrolWithChild(familyId);
            CyclicBarrier start = new CyclicBarrier(writers + 1);
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String body = oneEvent("\"any\"", "ChildAdded", "{\"child_name\": \"" + child + w + "\"}");
                threads.add(new Thread(() -> {
                    await(start);
                    statuses.add(api.send(append(familyId, sarah, body)).status());
                }));
            }
            threads.add(new Thread(() -> {
                await(start);
                statuses.add(erase(familyId, admin, REASON).status() * 1000);
            }));
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }

            assertThat(statuses).hasSize(writers + 1).contains(200_000);
            assertThat(statuses).filteredOn(status -> status < 1000).isSubsetOf(201, 422);
            JsonNode events = api.send(ApiCall.to(HISTORY, "Family", familyId).as(sarah)).body().path("events");
            long landed = statuses.stream().filter(status -> status == 201).count();
            assertThat(events).hasSize((int) (4 + landed));
            assertThat(events.toString()).as("no value is readable after the erasure").doesNotContain(child);
            JsonNode erasure = events.get(events.size() - 1);
            assertThat(erasure.path("event_type").asText()).as("every landed append came before the erasure")
                    .isEqualTo("PersonalDataErased");
        }
        assertThat(leaks(child)).isEmpty();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void no_table_holds_the_names_in_clear_before_or_after_the_erasure() {
        enrolWithChild("okafor");
        api.send(ApiCall.to(LOAD, "Family", "okafor").as(sarah));

        assertThat(leaks(name)).isEmpty();
        assertThat(leaks(child)).isEmpty();
        erase("okafor", admin, REASON);
        api.send(ApiCall.to(LOAD, "Family", "okafor").as(sarah));
        assertThat(leaks(name)).isEmpty();
        assertThat(leaks(child)).isEmpty();
    }

    /** Every item of every table, raw: where {@code secret} appears as text or base64. */
    private List<String> leaks(String secret) {
        List<String> needles = List.of(secret,
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("\"" + secret + "\"").getBytes(StandardCharsets.UTF_8)));
        List<String> hits = new ArrayList<>();
        for (String table : List.of(tables.events(), tables.eventIds(), tables.snapshots(), tables.readModels(),
                tables.checkpoints(), tables.keys())) {
            dynamo.scanPaginator(request -> request.tableName(table)).items().forEach(item -> item.forEach(
                    (attribute, value) -> needles.stream().filter(text(value)::contains)
                            .forEach(needle -> hits.add(table + "." + attribute))));
        }
        return hits;
    }

    private static String text(AttributeValue value) {
        return value.s() != null ? value.s() : value.b() != null
                ? new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1) : String.valueOf(value);
    }
}
