package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.admin.Replay;
import coop.admin.ReplayResult;
import coop.admin.Unpark;
import coop.app.Json;
import coop.domain.family.PortalAccess;
import coop.readmodel.ReadModelQueries;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.ParkedFamily;
import coop.store.dynamodb.EventTableScan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A family whose records keep failing is parked on its own after three deliveries, and its later records with it;
 * the other families of the same batches go through (summaries, triggers); an operator's replay applies the parked
 * events in order once the cause is fixed, and un-parks the family.
 */
class FamilyParkingTest extends ParkingTest {

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
        broken(true);
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

        broken(false); // the fix is deployed
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
        assertThat(summary("martinez").state().portalAccess()).isEqualTo(PortalAccess.LOCKED);
        assertThat(unpark.unpark(family("martinez")).replayed()).as("nothing parked any more").isZero();
        received("martinez", 570, "2024-11-02");
        assertThat(deliverAsLambda(newRecords())).as("the live stream flows again").containsExactly(List.of());
        deliverAllThroughParking();
        assertThat(summary("martinez")).isEqualTo(expectedSummary("martinez"));
        assertThat(summary("martinez").state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }

    @Test
    void every_parked_family_of_every_tenant_is_unparked_in_one_go_once_fixed() {
        enroll("ng", "Ng Family");
        enroll("ng-2", "Ng Two Family");
        deliverAll();
        faultyFamily = "ng";
        broken(true);
        due("ng", 100, "2024-10-01");
        deliverAsLambda(newRecords());
        assertThat(parking.parkedEverywhere()).hasSize(1);
        broken(false);
        Unpark unpark = new Unpark(new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")),
                dispatcher, Duration.ofMinutes(1)), parking);

        ReplayResult result = unpark.unparkAll();

        assertThat(result.failedEventIds()).isEmpty();
        assertThat(result.replayed()).isEqualTo(1);
        assertThat(parking.parkedEverywhere()).isEmpty();
        assertThat(summary("ng")).isEqualTo(expectedSummary("ng"));
    }

    @Test
    void a_replay_that_fails_again_leaves_the_family_parked() {
        enroll("okafor", "Okafor Family");
        deliverAll();
        faultyFamily = "okafor";
        broken(true);
        due("okafor", 450, "2024-10-01");
        deliverAsLambda(newRecords());
        Unpark unpark = new Unpark(new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")),
                dispatcher, Duration.ofMinutes(1)), parking);

        ReplayResult result = unpark.unpark(family("okafor"));

        assertThat(result.failedEventIds()).containsExactly(history("okafor").get(1).eventId());
        assertThat(parking.find(family("okafor"))).isPresent();
    }
}
