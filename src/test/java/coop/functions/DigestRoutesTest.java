package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.AggregateRepository;
import coop.config.TableNames;
import coop.domain.family.Family;
import coop.store.EventStore;
import coop.store.StreamId;
import coop.store.dynamodb.EventItems;
import coop.stream.StreamDispatcher;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST/GET /ledger/digests} and {@code GET .../verification?digest_id=} through the functions, with the stream
 * heads kept by the stream dispatcher as CDI builds it, and the proof in the answer checked by the auditor's script
 * (tools/verify_digest_proof.py).
 */
@QuarkusTest
class DigestRoutesTest {

    private static final String TAKE = "POST /ledger/digests";
    private static final String LIST = "GET /ledger/digests";
    private static final String ONE = "GET /ledger/digests/{digest_id}";

    @Inject
    ApiClient api;

    @Inject
    EventStore store;

    @Inject
    StreamDispatcher dispatcher;

    @Inject
    AggregateRepository repository;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TableNames tables;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    private final Map<String, String> auditor = Tokens.auditor(tenant);

    private void enrol(String familyId) {
        Answer enrolled = api.send(append(familyId, sarah, enrolment("Family " + familyId)));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        Answer due = api.send(append(familyId, sarah, oneEvent(1, "PaymentDue",
                "{\"amount\": 120, \"due_date\": \"2024-10-01\"}")));
        assertThat(due.status()).as(due.toString()).isEqualTo(201);
        deliver(familyId);
    }

    /** Hands the stream's events to the subscribers, the stream heads among them, as a stream batch would. */
    private void deliver(String familyId) {
        assertThat(dispatcher.dispatch(store.readStream(stream(familyId), 0, 100)).failed()).isEmpty();
    }

    private StreamId stream(String familyId) {
        return new StreamId(tenant, Family.NAME, familyId);
    }

    private JsonNode take(Map<String, String> caller) {
        Answer taken = api.send(ApiCall.to(TAKE).body("{}").as(caller));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        return taken.body();
    }

    private Answer verification(String familyId, String digestId) {
        return api.send(ApiCall.to(LedgerRoutesTest.VERIFICATION, "Family", familyId).query("digest_id", digestId)
                .as(auditor));
    }

    @Test
    void auditors_and_admins_take_list_and_read_digests_others_are_refused_and_other_tenants_see_none()
            throws InterruptedException {
        enrol("martinez");
        enrol("chen");

        JsonNode first = take(auditor);
        Thread.sleep(2); // ids order by the millisecond taken
        JsonNode second = take(Tokens.admin(tenant));

        assertThat(first.path("digest").asText()).matches("[0-9a-f]{64}").isEqualTo(second.path("digest").asText());
        assertThat(first.path("streams").asInt()).isEqualTo(2);
        assertThat(first.path("taken_at").asText()).isNotEmpty();
        for (Map<String, String> refused : List.of(sarah, Tokens.family(tenant, "martinez"))) {
            assertThat(api.send(ApiCall.to(TAKE).body("{}").as(refused)).status()).isEqualTo(403);
            assertThat(api.send(ApiCall.to(LIST).as(refused)).status()).isEqualTo(403);
            assertThat(api.send(ApiCall.to(ONE, first.path("digest_id").asText()).as(refused)).status())
                    .isEqualTo(403);
        }

        Answer page = api.send(ApiCall.to(LIST).query("limit", "1").as(auditor));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body().path("digests")).hasSize(1);
        assertThat(page.body().path("digests").get(0)).isEqualTo(second);
        Answer rest = api.send(ApiCall.to(LIST).query("limit", "1")
                .query("page_token", page.body().path("next_page_token").asText()).as(auditor));
        assertThat(rest.body().path("digests").get(0)).as(rest.toString()).isEqualTo(first);

        Answer one = api.send(ApiCall.to(ONE, first.path("digest_id").asText()).as(auditor));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).isEqualTo(first);
        String elsewhere = Tokens.newTenant();
        assertThat(api.send(ApiCall.to(ONE, first.path("digest_id").asText()).as(Tokens.auditor(elsewhere)))
                .status()).isEqualTo(404);
        assertThat(api.send(ApiCall.to(LIST).as(Tokens.auditor(elsewhere))).body().path("digests")).isEmpty();
        assertThat(api.send(ApiCall.to(ONE, "no-such-digest").as(auditor)).status()).isEqualTo(404);
        Answer badLimit = api.send(ApiCall.to(LIST).query("limit", "0").as(auditor));
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.rawBody()).contains("limit");
    }

    @Test
    void the_last_event_deleted_and_another_appended_in_its_place_is_caught_against_a_digest_taken_before()
            throws Exception {
        enrol("martinez");
        enrol("chen");
        String digestId = take(auditor).path("digest_id").asText();
        JsonNode before = verification("martinez", digestId).body();
        assertThat(before.path("verified").asBoolean()).as(before.toString()).isTrue();

        dynamo.deleteItem(request -> request.tableName(tables.events()).key(Map.of(
                EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(stream("martinez"))),
                EventItems.VERSION, AttributeValue.fromN("2"))));
        // The next append comes from a container that never saw version 2, as after a cold start.
        repository.warm().forget(stream("martinez"));
        Answer replaced = api.send(append("martinez", sarah, oneEvent(1, "PaymentDue",
                "{\"amount\": 1, \"due_date\": \"2024-10-01\"}")));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
        deliver("martinez");

        JsonNode plain = api.send(ApiCall.to(LedgerRoutesTest.VERIFICATION, "Family", "martinez").as(auditor)).body();
        JsonNode against = verification("martinez", digestId).body();
        JsonNode chen = verification("chen", digestId).body();

        assertThat(plain.path("verified").asBoolean()).as("the chain alone cannot tell").isTrue();
        assertThat(against.path("verified").asBoolean()).as(against.toString()).isFalse();
        assertThat(against.path("covered").asBoolean()).isTrue();
        assertThat(against.path("problem").asText()).isEqualTo("recorded_head_rewritten");
        assertThat(against.path("proof").path("leaf").path("version").asLong()).isEqualTo(2);
        assertThat(against.path("proof").path("leaf").path("chain_hash").asText())
                .isEqualTo(before.path("head").asText()).isNotEqualTo(against.path("head").asText());
        assertThat(chen.path("verified").asBoolean()).as(chen.toString()).isTrue();
        assertThat(chen.path("digest_id").asText()).isEqualTo(digestId);
        assertThat(chen.path("problem").isNull()).isTrue();
        assertThat(proofChecks(chen.path("proof"))).isTrue();
        assertThat(proofChecks(against.path("proof"))).as("the stored proof itself is intact").isTrue();
    }

    @Test
    void a_stream_the_digest_did_not_cover_is_reported_so_never_verified_and_an_unknown_digest_is_404() {
        enrol("martinez");
        String digestId = take(auditor).path("digest_id").asText();
        enrol("okafor");

        Answer answer = verification("okafor", digestId);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("covered").asBoolean()).isFalse();
        assertThat(answer.body().path("verified").asBoolean()).isFalse();
        assertThat(answer.body().path("problem").asText()).isEqualTo("not_covered");
        assertThat(answer.body().path("proof").isNull()).isTrue();
        assertThat(verification("martinez", "no-such-digest").status()).isEqualTo(404);
        Answer malformed = verification("martinez", "bad id!");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.rawBody()).contains("digest_id");
    }

    /** tools/verify_digest_proof.py, given the proof exactly as the API answered it. */
    private static boolean proofChecks(JsonNode proof) throws Exception {
        Path file = Files.createTempFile("proof", ".json");
        Files.writeString(file, proof.toString());
        Process process = new ProcessBuilder("python3", "tools/verify_digest_proof.py", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Files.delete(file);
        return process.exitValue() == 0 && out.equals(proof.path("digest").asText());
    }
}
