package coop.functions;

import coop.app.AggregateRepository;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.config.TableNames;
import coop.store.CheckpointStore;
import coop.stream.FamilyTrigger;
import coop.stream.PortalTriggers;
import coop.stream.StartingPoints;
import coop.stream.StreamDispatcher;
import coop.testing.ApiCall;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal retrying from several tabs, a trigger redelivered: N identical requests released together by a barrier,
 * round after round, through the function beans. Each time exactly one is 201, the others 200 with one identical
 * body, and every event is stored exactly once (counted in the events table and the event-ids table).
 */
@QuarkusTest
class RacingRetriesTest {

    private static final int TWINS = 8;
    private static final int ROUNDS = 8;

    @Inject
    ApiClient api;
    @Inject
    EventStore store;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @Inject
    EventService events;
    @Inject
    AggregateRepository aggregates;
    @Inject
    EventCodec codec;
    @Inject
    CheckpointStore checkpoints;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);

    @Test
    void identical_single_event_requests_with_an_exact_version_store_once() throws Exception {
        race("exact1", "1", 1);
    }

    @Test
    void identical_batches_with_an_exact_version_store_once() throws Exception {
        race("exact3", "1", 3);
    }

    @Test
    void identical_single_event_requests_with_any_store_once() throws Exception {
        race("any1", "\"any\"", 1);
    }

    @Test
    void identical_batches_with_any_store_once() throws Exception {
        race("any3", "\"any\"", 3);
    }

    @Test
    void a_trigger_delivered_to_many_instances_at_once_appends_its_follow_up_once() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String family = "trigger-" + round;
            api.send(append(family, sarah, enrolment(family)));
            api.send(append(family, sarah, FamilyCalls.oneEvent(1, "PaymentDue",
                    "{\"amount\": 450, \"due_date\": \"2024-10-01\"}")));
            api.send(append(family, sarah, FamilyCalls.oneEvent(2, "PaymentOverdue",
                    "{\"amount\": 450, \"due_date\": \"2024-10-01\"}")));
            StreamId stream = new StreamId(tenant, "Family", family);
            RecordedEvent overdue = store.readStream(stream, 2, 3).getFirst();
            // Every instance reads the trigger's cursor before any moves it, so each decides to lock and appends.
            together(twin -> {
                new StreamDispatcher(List.of(PortalTriggers.lockOnOverdue(true, events, store, codec, checkpoints)),
                        checkpoints, Clock.systemUTC(), aggregates, store, StartingPoints.NONE)
                        .dispatch(List.of(overdue));
                return twin;
            });

            assertThat(store.readStream(stream, 0, Long.MAX_VALUE)).extracting(RecordedEvent::eventType)
                    .containsExactly("FamilyEnrolled", "PaymentDue", "PaymentOverdue", "PortalAccessLocked");
            assertThat(store.findEvent(tenant, FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, overdue.eventId())))
                    .hasValueSatisfying(locked -> assertThat(locked.aggregateVersion()).isEqualTo(4));
        }
    }

    @Test
    void a_revert_raced_by_two_admins_appends_each_compensation_once() throws Exception {
        for (int round = 0; round < ROUNDS / 2; round++) {
            String correlation = "oops-" + round;
            List<String> families = List.of("revert-" + round + "-a", "revert-" + round + "-b");
            for (String family : families) {
                api.send(append(family, sarah, enrolment(family)));
                assertThat(api.send(append(family, sarah, """
                        {"expected_version": 1, "correlation_id": "%s", "events": [
                         {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}]}
                        """.formatted(correlation))).status()).isEqualTo(201);
            }
            List<Answer> answers = together(twin -> api.send(ApiCall.to(FamilyCalls.REVERT, correlation)
                    .as(Tokens.claims("admin-" + twin, tenant, "admin")).body("{\"reason\": \"Oops\"}")));

            assertThat(answers).extracting(Answer::status).containsOnly(201, 200).contains(201);
            assertThat(answers).extracting(Answer::rawBody).containsOnly(answers.getFirst().rawBody());
            assertThat(answers.getFirst().body().path("reverted")).hasSize(2);
            for (String family : families) {
                assertThat(store.readStream(new StreamId(tenant, "Family", family), 0, Long.MAX_VALUE))
                        .extracting(RecordedEvent::eventType)
                        .containsExactly("FamilyEnrolled", "FamilyWithdrawn", "FamilyWithdrawalReversed");
            }
        }
    }

    /** Runs {@code work} on {@value #TWINS} threads released together by a barrier; their results, in order. */
    private static <T> List<T> together(IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TWINS);
        try {
            CyclicBarrier start = new CyclicBarrier(TWINS);
            List<Future<T>> futures = new ArrayList<>();
            for (int twin = 0; twin < TWINS; twin++) {
                int id = twin;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.apply(id);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private void race(String mode, String expectedVersion, int batch) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String family = mode + "-" + round;
            assertThat(api.send(append(family, sarah, enrolment(family))).status()).isEqualTo(201);
            String body = body(family, expectedVersion, batch);

            List<Answer> got = together(twin -> api.send(append(family, sarah, body)));

            assertThat(got).as(family).extracting(Answer::status).containsOnly(201, 200)
                    .filteredOn(status -> status == 201).hasSize(1);
            assertThat(got).as(family).extracting(Answer::rawBody).containsOnly(got.getFirst().rawBody());
            assertStoredOnce(family, batch);
        }
    }

    private void assertStoredOnce(String family, int batch) {
        List<RecordedEvent> stream = store.readStream(new StreamId(tenant, "Family", family), 0, Long.MAX_VALUE);
        assertThat(stream).as(family).hasSize(1 + batch);
        List<String> ids = IntStream.range(0, batch).mapToObj(i -> family + "-e" + i).toList();
        assertThat(stream.subList(1, stream.size())).extracting(RecordedEvent::eventId).containsExactlyElementsOf(ids);
        for (String id : ids) {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(tables.eventIds())
                    .key(Map.of("event_key", AttributeValue.fromS(tenant + "#" + id))).consistentRead(true)).item();
            assertThat(item).as(id).isNotEmpty();
        }
        int events = dynamo.query(request -> request.tableName(tables.events())
                .keyConditionExpression("stream_id = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(tenant + "#Family#" + family)))
                .consistentRead(true)).count();
        assertThat(events).as(family).isEqualTo(1 + batch);
    }

    private static String body(String family, String expectedVersion, int batch) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            events.add("""
                    {"event_id": "%s-e%d", "event_type": "PaymentDue",
                     "event_data": {"amount": %d, "due_date": "2024-10-0%d"}}""".formatted(family, i, 100 + i, i + 1));
        }
        return """
                {"expected_version": %s, "correlation_id": "fees-%s", "events": [%s]}
                """.formatted(expectedVersion, family, String.join(",", events));
    }
}
