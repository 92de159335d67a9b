package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import coop.admin.Replay;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.domain.family.Child;
import coop.domain.family.Family;
import coop.functions.DeadLetterMessages;
import coop.store.dynamodb.EventTableScan;
import coop.testing.RawTables;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full scan: a distinctive name, as text and as base64, in the raw items of every table (events, event ids,
 * snapshots, read models, checkpoints and parking, keys), in every stream image the stream handed over and in every
 * feed payload: before the erasure, right after it, after the stream ran, after a rebuild of the family's row, after
 * a replay of its events, after a dead-letter replay and after Lambda delivers the old records again. Found nowhere
 * in clear, and after the erasure nothing brings a readable value back.
 */
class ErasureLeavesNoTraceTest extends SealedStreamTest {

    private static final String NAME = "Wexleighborne";
    private static final String CHILD = "Pemberquillion";

    /** Every stream record handed to the stream function, as Lambda would hand it (the images as the table holds). */
    private final List<DynamodbEvent.DynamodbStreamRecord> images = new ArrayList<>();

    @Override
    List<Subscriber> subscribers() {
        return deployedSubscribers();
    }

    private void deliverAndKeep() {
        for (List<DynamodbEvent.DynamodbStreamRecord> records = newRecords(); !records.isEmpty(); records = newRecords()) {
            images.addAll(records);
            assertThat(deliver(records)).isEmpty();
        }
    }

    @Test
    void a_name_is_in_clear_nowhere_before_or_after_the_erasure_nor_after_a_rebuild_or_a_replay() {
        clock.set(Instant.now()); // a dead letter names its records by arrival time
        enroll("scan", NAME);
        append("scan", "ChildAdded", Map.of("child_name", CHILD, "age", 9, "grade", 4));
        due("scan", 300, "2024-10-01");
        deliverAndKeep();
        aggregates.saveSnapshot(Family.INSTANCE, family("scan"),
                aggregates.load(Family.INSTANCE, family("scan"), LoadTarget.latest()).orElseThrow());
        assertThat(summary("scan").state().familyName()).as("readable before the erasure").isEqualTo(NAME);
        assertNoTrace("before the erasure");

        assertThat(erasures.erase(TENANT, "scan", "request", "admin-1")).isPresent();
        assertNoTraceAndReadsNull("right after the erasure");

        deliverAndKeep();
        assertNoTraceAndReadsNull("after the stream ran");

        familySummary.rebuild(family("scan"));
        assertNoTraceAndReadsNull("after a rebuild");

        Replay replay = new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable"), personal), dispatcher,
                Duration.ofMinutes(1));
        assertThat(replay.replay(family("scan"), 1, store.currentVersion(family("scan"))).failedEventIds()).isEmpty();
        assertNoTraceAndReadsNull("after a replay of the family's events");

        assertThat(replay.replay(List.of(DeadLetterMessages.read(TextNode.valueOf(
                ReplayTest.deadLetterBody(images))))).failedEventIds()).isEmpty();
        assertNoTraceAndReadsNull("after a dead-letter replay");

        assertThat(deliver(List.copyOf(images))).isEmpty();
        assertNoTraceAndReadsNull("after Lambda delivered every record again");
    }

    private void assertNoTraceAndReadsNull(String when) {
        assertNoTrace(when);
        assertThat(summary("scan").state().familyName()).as(when).isNull();
        assertThat(summary("scan").state().children()).as(when).containsExactly(new Child(null, null, null));
        assertThat(aggregates.load(Family.INSTANCE, family("scan"), LoadTarget.latest()).orElseThrow().state()
                .familyName()).as(when).isNull();
        assertThat(history("scan")).as(when).allSatisfy(event ->
                assertThat(event.data()).doesNotContain(NAME).doesNotContain(CHILD));
    }

    private void assertNoTrace(String when) {
        assertThat(images).as("the images' text shows the stored payloads, so a name in clear would show")
                .anySatisfy(record -> assertThat(record.getDynamodb().toString()).contains("enc:v1:"));
        assertThat(published).as("the feed's text shows its payloads")
                .anySatisfy(event -> assertThat(json(event)).contains("enrollment_date"));
        for (String secret : List.of(NAME, CHILD)) {
            assertThat(RawTables.find(dynamo, tables, secret)).as(when + ": the tables").isEmpty();
            List<String> needles = needles(secret);
            assertThat(images).as(when + ": the stream images").isNotEmpty().allSatisfy(record ->
                    assertThat(needles).noneMatch(record.getDynamodb().toString()::contains));
            assertThat(published).as(when + ": the feed").isNotEmpty().allSatisfy(event ->
                    assertThat(needles).noneMatch(json(event)::contains));
        }
    }

    private static List<String> needles(String secret) {
        return List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("\"" + secret + "\"").getBytes(StandardCharsets.UTF_8)));
    }

    private static String json(FeedEvent event) {
        try {
            return Json.mapper().writeValueAsString(event.envelope());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
