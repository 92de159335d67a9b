package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.admin.Replay;
import coop.admin.ReplayResult;
import coop.admin.Unpark;
import coop.app.Json;
import coop.domain.family.PortalAccess;
import coop.functions.StreamBatches;
import coop.readmodel.ReadModelQueries;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.ParkedFamily;
import coop.store.ParkingStore;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbParking;
import coop.store.dynamodb.EventTableScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A family whose records keep failing is parked on its own after three deliveries, as Lambda delivers them (again
 * from the first failed record), and its later records with it; the other families of the same batches go through
 * (summaries, triggers); an operator's replay applies the parked events in order once the cause is fixed; throttling
 * and 503s never park anything.
 */
class FamilyParkingTest extends StreamTest {

    private static final int PARK_AFTER = 3;

    private final List<BreakableSubscriber> breakable = new ArrayList<>();
    private volatile String faultyFamily = "none";
    private volatile Supplier<RuntimeException> fault = () -> new IllegalStateException("a bug in this release");
    private ParkingStore parking;
    private FamilyParking stream;

    /** Every subscriber can be broken for the faulty family's events, as a bad release or a failing service would. */
    @Override
    List<Subscriber> subscribers() {
        return super.subscribers().stream().map(real -> {
            BreakableSubscriber wrapped = new BreakableSubscriber(real,
                    event -> event.aggregateId().equals(faultyFamily), () -> fault.get());
            breakable.add(wrapped);
            return (Subscriber) wrapped;
        }).toList();
    }

    @BeforeEach
    void parkingOnTheCheckpointsTable() {
        parking = new DynamoDbParking(dynamo, tables.name("CheckpointsTable"));
        stream = new FamilyParking(dispatcher, parking, PARK_AFTER, clock);
    }

    @Test
    void a_family_whose_history_no_longer_folds_is_parked_after_three_deliveries_and_its_later_events_with_it() {
        enroll("aaron", "Aaron Family");
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        enroll("lee", "Lee Family");
        deliverAll();
        // Written past the service's validation, as a bad deployment or a hand edit could: it no longer folds.
        store.append(family("aaron"), ExpectedVersion.exactly(1), List.of(NewEvent.of("NoSuchFamilyEvent", 1, "{}")),
                EventMetadata.of("ops", "fix-1"));
        append("chen", "PaymentOverdue", java.util.Map.of("amount", 450, "due_date", "2024-10-01"));
        due("lee", 100, "2024-10-05");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        String poison = batch.getFirst().getDynamodb().getSequenceNumber();

        List<List<String>> answers = deliverAsLambda(batch);

        assertThat(answers).as("held twice, then parked: the shard moves on")
                .containsExactly(List.of(poison), List.of(poison), List.of());
        ParkedFamily parked = parking.find(family("aaron")).orElseThrow();
        assertThat(parked.fromVersion()).isEqualTo(2);
        assertThat(parked.attempts()).isEqualTo(PARK_AFTER);
        assertThat(parked.lastError()).contains("NoSuchFamilyEvent");

        // A later event of the parked family is parked on its first delivery, with the others' events going through.
        store.append(family("aaron"), ExpectedVersion.exactly(2), List.of(StreamLoad.score(7)),
                EventMetadata.of("import", "import-aaron"));
        received("chen", 450, "2024-10-09");
        List<List<String>> later = deliverAsLambda(newRecords());
        deliverAllThroughParking();

        assertThat(later).containsExactly(List.of());
        assertThat(parking.find(family("aaron")).orElseThrow())
                .satisfies(p -> assertThat(p.fromVersion()).isEqualTo(2))
                .satisfies(p -> assertThat(p.parkedEvents()).isEqualTo(2));
        assertThat(summary("aaron").aggregateVersion()).as("nothing applied past the gap").isEqualTo(1);
        assertThat(ofType("chen", "PortalAccessLocked")).hasSize(1);
        assertThat(ofType("chen", "PortalAccessRestored")).hasSize(1);
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
        assertThat(summary("lee")).isEqualTo(expectedSummary("lee"));
        ReadModelQueries withParking = new ReadModelQueries(readModels, checkpoints, dispatcher, Json.mapper(),
                name -> Optional.empty(), parking);
        assertThat(withParking.projections(TENANT).parkedFamilies()).extracting(p -> p.stream().aggregateId())
                .containsExactly("aaron");
        assertThat(withParking.projections("coop-south").parkedFamilies()).as("another tenant's view").isEmpty();
        assertThat(withParking.projectionsOfAllTenants().parkedFamilies()).hasSize(1);
        var served = Json.mapper().valueToTree(withParking.projections(TENANT)).path("parked_families").path(0);
        assertThat(served.path("stream").path("aggregate_id").asText()).isEqualTo("aaron");
        assertThat(served.path("from_version").asLong()).isEqualTo(2);
        assertThat(served.path("parked_events").asLong()).isEqualTo(2);
        assertThat(served.path("last_error").asText()).contains("NoSuchFamilyEvent");
    }

    @Test
    void a_parked_family_is_replayed_in_order_once_fixed_and_unparked() {
        enroll("martinez", "Martinez Family");
        enroll("chen", "Chen Family");
        deliverAll();
        faultyFamily = "martinez";
        breakable.forEach(subscriber -> subscriber.broken(true));
        due("martinez", 450, "2024-10-01");
        append("martinez", "PaymentOverdue", java.util.Map.of("amount", 450, "due_date", "2024-10-01"));
        due("chen", 100, "2024-10-01");
        assertThat(deliverAsLambda(newRecords())).hasSize(PARK_AFTER).last().isEqualTo(List.of());
        due("martinez", 120, "2024-11-01");
        assertThat(deliverAsLambda(newRecords())).containsExactly(List.of());
        assertThat(parking.find(family("martinez")).orElseThrow().parkedEvents()).isEqualTo(3);
        assertThat(summary("martinez").aggregateVersion()).isEqualTo(1);
        assertThat(ofType("martinez", "PortalAccessLocked")).isEmpty();
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));

        breakable.forEach(subscriber -> subscriber.broken(false)); // the fix is deployed
        Unpark unpark = new Unpark(new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")),
                dispatcher, Duration.ofMinutes(1)), parking);
        ReplayResult result = unpark.unpark(family("martinez"));
        deliverAllThroughParking(); // the lock the replay caused, as the live stream delivers it

        assertThat(result.failedEventIds()).isEmpty();
        assertThat(result.replayed()).isEqualTo(3);
        assertThat(parking.find(family("martinez"))).isEmpty();
        assertThat(parking.parkedIn(TENANT)).isEmpty();
        assertThat(ofType("martinez", "PortalAccessLocked")).hasSize(1);
        assertThat(summary("martinez")).isEqualTo(expectedSummary("martinez"));
        assertThat(summary("martinez").portalAccess()).isEqualTo(PortalAccess.LOCKED);
        assertThat(unpark.unpark(family("martinez")).replayed()).as("nothing parked any more").isZero();
        received("martinez", 570, "2024-11-02");
        assertThat(deliverAsLambda(newRecords())).as("the live stream flows again").containsExactly(List.of());
        deliverAllThroughParking();
        assertThat(summary("martinez")).isEqualTo(expectedSummary("martinez"));
        assertThat(summary("martinez").portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }

    @Test
    void a_replay_that_fails_again_leaves_the_family_parked() {
        enroll("okafor", "Okafor Family");
        deliverAll();
        faultyFamily = "okafor";
        breakable.forEach(subscriber -> subscriber.broken(true));
        due("okafor", 450, "2024-10-01");
        deliverAsLambda(newRecords());
        Unpark unpark = new Unpark(new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")),
                dispatcher, Duration.ofMinutes(1)), parking);

        ReplayResult result = unpark.unpark(family("okafor"));

        assertThat(result.failedEventIds()).containsExactly(history("okafor").get(1).eventId());
        assertThat(parking.find(family("okafor"))).isPresent();
    }

    @Test
    void throttling_and_503s_are_retried_for_as_long_as_they_last_and_never_park() {
        enroll("throttled", "Throttled Family");
        deliverAll();
        faultyFamily = "throttled";
        fault = () -> (RuntimeException) DynamoDbException.builder().statusCode(503).message("Service unavailable")
                .build();
        breakable.forEach(subscriber -> subscriber.broken(true));
        due("throttled", 450, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();

        List<List<String>> answers = deliverAsLambda(batch);

        assertThat(answers).hasSize(MAX_DELIVERIES).allSatisfy(answer -> assertThat(answer).hasSize(1));
        assertThat(parking.parkedEverywhere()).isEmpty();
        breakable.forEach(subscriber -> subscriber.broken(false));
        assertThat(deliverAsLambda(batch)).containsExactly(List.of());
        assertThat(summary("throttled")).isEqualTo(expectedSummary("throttled"));
    }

    @Test
    void failures_on_different_events_do_not_add_up() {
        enroll("lee", "Lee Family");
        deliverAll();
        faultyFamily = "lee";
        breakable.forEach(subscriber -> subscriber.broken(true));
        due("lee", 100, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> first = newRecords();
        assertThat(deliverThroughParking(first)).hasSize(1);
        assertThat(deliverThroughParking(first)).hasSize(1);
        breakable.forEach(subscriber -> subscriber.broken(false));
        assertThat(deliverThroughParking(first)).isEmpty(); // it went through on the third delivery
        breakable.forEach(subscriber -> subscriber.broken(true));
        due("lee", 100, "2024-10-02");

        assertThat(deliverThroughParking(newRecords())).as("a new event's first failure: retried").hasSize(1);
        assertThat(parking.find(family("lee"))).isEmpty();
    }

    @Test
    void failures_more_than_an_hour_apart_do_not_add_up() {
        enroll("kim", "Kim Family");
        deliverAll();
        faultyFamily = "kim";
        breakable.forEach(subscriber -> subscriber.broken(true));
        due("kim", 100, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        deliverThroughParking(batch);
        deliverThroughParking(batch);
        clock.advance(Duration.ofHours(2));

        assertThat(deliverThroughParking(batch)).as("the third failure, two hours after the others").hasSize(1);
        assertThat(parking.find(family("kim"))).isEmpty();
        assertThat(deliverThroughParking(batch)).hasSize(1);
        assertThat(deliverThroughParking(batch)).as("three within the hour").isEmpty();
        assertThat(parking.find(family("kim"))).isPresent();
    }

    /** Lambda's retries of a shard: 11 deliveries at most (the first and MaximumRetryAttempts 10). */
    private static final int MAX_DELIVERIES = 11;

    /**
     * Delivers the batch as Lambda does with {@code ReportBatchItemFailures}: again from the first failed record
     * until none fails (or Lambda gives up); returns every answer's failed sequence numbers.
     */
    private List<List<String>> deliverAsLambda(List<DynamodbEvent.DynamodbStreamRecord> batch) {
        List<List<String>> answers = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> pending = batch;
        while (answers.size() < MAX_DELIVERIES) {
            List<String> failed = deliverThroughParking(pending);
            answers.add(failed);
            if (failed.isEmpty()) {
                break;
            }
            int from = pending.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList().indexOf(failed.get(0));
            pending = pending.subList(from, pending.size());
        }
        return answers;
    }

    private List<String> deliverThroughParking(List<DynamodbEvent.DynamodbStreamRecord> records) {
        return StreamBatches.handle(records, events -> stream.dispatch(events).failed()).getBatchItemFailures()
                .stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private void deliverAllThroughParking() {
        for (var records = newRecords(); !records.isEmpty(); records = newRecords()) {
            deliverAsLambda(records);
        }
    }

    private List<RecordedEvent> ofType(String familyId, String type) {
        return history(familyId).stream().filter(e -> e.eventType().equals(type)).toList();
    }
}
