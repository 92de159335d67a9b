package coop.stream;

import coop.readmodel.FamilyPage;
import coop.readmodel.FamilySummary;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.domain.family.PaymentStatus;
import coop.domain.family.PortalAccess;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.store.Checkpoint;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.ReadModelRow;
import coop.store.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FamilySummaryProjectionTest extends StreamTest {

    private void chenAndPatel() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        received("chen", 200, "2024-09-20");
        enroll("patel", "Patel Family");
        due("patel", 300, "2024-10-01");
        received("patel", 300, "2024-09-25");
        append("patel", "ChildAdded", java.util.Map.of("child_name", "Asha", "age", 9, "grade", 4));
    }

    @Test
    void summary_holds_the_family_state_its_last_version_and_when_that_event_happened() {
        chenAndPatel();
        assertThat(deliver(newRecords())).isEmpty();

        FamilySummary chen = summary("chen");
        assertThat(chen).isEqualTo(expectedSummary("chen"));
        assertThat(chen.aggregateVersion()).isEqualTo(3);
        assertThat(chen.state().paymentStatus()).isEqualTo(PaymentStatus.DUE);
        assertThat(chen.state().balanceDue()).isEqualByComparingTo("250");
        assertThat(chen.updatedAt()).isEqualTo(history("chen").getLast().timestamp());
        assertThat(summary("patel").state().children()).hasSize(1);
    }

    @Test
    void every_batch_delivered_twice_changes_nothing_the_second_time() {
        chenAndPatel();
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        assertThat(deliver(batch)).isEmpty();
        FamilySummary chen = summary("chen");
        FamilySummary patel = summary("patel");

        assertThat(deliver(batch)).isEmpty();

        assertThat(summary("chen")).isEqualTo(chen).isEqualTo(expectedSummary("chen"));
        assertThat(summary("patel")).isEqualTo(patel).isEqualTo(expectedSummary("patel"));
        assertThat(history("chen")).hasSize(3);
    }

    @Test
    void records_shuffled_within_a_batch_end_in_the_same_summaries() {
        chenAndPatel();
        List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>(newRecords());
        Collections.shuffle(batch, new Random(42));
        Collections.reverse(batch.subList(0, 3));

        assertThat(deliver(batch)).isEmpty();

        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
        assertThat(summary("patel")).isEqualTo(expectedSummary("patel"));
    }

    @Test
    void a_withheld_record_delivered_after_later_ones_is_neither_skipped_nor_applied_twice() {
        chenAndPatel();
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        DynamodbEvent.DynamodbStreamRecord withheld = batch.get(1); // Chen's PaymentDue
        List<DynamodbEvent.DynamodbStreamRecord> rest = new ArrayList<>(batch);
        rest.remove(withheld);

        assertThat(deliver(rest)).isEmpty();
        // The PaymentReceived after it made the projection read the missing PaymentDue from the store.
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
        assertThat(summary("chen").state().balanceDue()).isEqualByComparingTo("250");

        assertThat(deliver(List.of(withheld))).isEmpty();
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
    }

    @Test
    void a_poison_record_holds_back_only_its_own_family_and_is_counted_in_the_checkpoint() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        // Written past the service's validation, as a bad deployment or a hand edit could: it no longer folds.
        RecordedEvent poison = store.findEvent(TENANT, store.append(family("chen"), ExpectedVersion.exactly(2),
                List.of(NewEvent.of("NoSuchFamilyEvent", 1, "{}")), EventMetadata.of("ops", "fix-1"))
                .positions().getFirst().eventId()).orElseThrow();
        // The family's own later event can only be stored past the service too, which folds the family first.
        store.append(family("chen"), ExpectedVersion.exactly(3), List.of(NewEvent.of("PaymentReceived", 2,
                "{\"amount\":450,\"date\":\"2024-09-20\",\"payment_method\":\"cash\"}")),
                EventMetadata.of("coordinator-1", "pay-1"));
        enroll("patel", "Patel Family");
        due("patel", 300, "2024-10-01");

        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        List<String> failed = deliver(batch);

        // The answer names the first record not handled, so Lambda delivers the batch again from there.
        assertThat(failed).containsExactly(sequenceOf(batch, 2));
        assertThat(summary("patel")).isEqualTo(expectedSummaryUpTo("patel", 2));
        assertThat(summary("chen").aggregateVersion()).isEqualTo(2);
        assertThat(summary("chen").state().paymentStatus()).isEqualTo(PaymentStatus.DUE);
        Checkpoint checkpoint = checkpoints.find(FamilySummaryProjection.NAME).orElseThrow();
        assertThat(checkpoint.errorCount()).as("one family failed in one batch").isEqualTo(1);
        assertThat(checkpoint.lastError()).hasValueSatisfying(error -> assertThat(error).contains("NoSuchFamilyEvent"));
        assertThat(queries.projections(TENANT).projections())
                .filteredOn(p -> p.projectionName().equals(FamilySummaryProjection.NAME))
                .singleElement().satisfies(p -> assertThat(p.errorCount()).isEqualTo(1));

        // Redelivered from the failed record on, the poison still fails and the family does not move past it.
        assertThat(deliver(batch.subList(2, batch.size()))).containsExactly(sequenceOf(batch, 2));
        assertThat(deliver(List.of(batch.get(3)))).containsExactly(sequenceOf(batch, 3));
        assertThat(summary("chen").aggregateVersion()).isEqualTo(2);
        assertThat(poison.aggregateVersion()).isEqualTo(3);
    }

    @Test
    void families_are_listed_by_payment_status_in_pages() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        enroll("lee", "Lee Family");
        due("lee", 100, "2024-10-01");
        enroll("patel", "Patel Family");
        due("patel", 300, "2024-10-01");
        received("patel", 300, "2024-09-25");
        deliver(newRecords());

        FamilyPage first = queries.familiesByPaymentStatus(TENANT, PaymentStatus.DUE, 1, Optional.empty());
        FamilyPage second = queries.familiesByPaymentStatus(TENANT, PaymentStatus.DUE, 1, first.nextPageToken());

        assertThat(first.families()).extracting(summary -> summary.state().familyId()).containsExactly("chen");
        assertThat(second.families()).extracting(summary -> summary.state().familyId()).containsExactly("lee");
        // DynamoDB may or may not hand out a token after an exactly full last page; if it does, it leads nowhere.
        assertThat(second.nextPageToken().map(token -> queries.familiesByPaymentStatus(TENANT, PaymentStatus.DUE, 10,
                Optional.of(token)).families()).orElse(List.of())).isEmpty();
        assertThat(queries.familiesByPaymentStatus(TENANT, PaymentStatus.PAID, 10, Optional.empty()).families())
                .extracting(summary -> summary.state().familyId()).containsExactly("patel");
        assertThat(queries.familiesByPaymentStatus("coop-south", PaymentStatus.DUE, 10, Optional.empty()).families())
                .isEmpty();
        assertThat(queries.familySummary("coop-south", "chen")).isEmpty();
        assertThat(summary("chen").state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }

    @Test
    void a_summary_row_stores_the_family_state_once_and_serves_the_summary_derived_from_it() {
        chenAndPatel();
        assertThat(deliver(newRecords())).isEmpty();

        ReadModelRow row = readModels.find(TENANT, FamilySummary.MODEL, "patel").orElseThrow();

        assertThat(row.view()).as("no second copy of the state as a view").isEmpty();
        assertThat(row.source()).hasValueSatisfying(source -> {
            assertThat(source.stateSchema()).isEqualTo(Family.INSTANCE.stateSchemaVersion());
            assertThat(codec.read(source.state(), FamilyState.class)).isEqualTo(
                    aggregates.load(Family.INSTANCE, family("patel"), LoadTarget.latest()).orElseThrow().state());
        });
        assertThat(summary("patel")).isEqualTo(expectedSummary("patel"));
        assertThat(queries.familiesByPaymentStatus(TENANT, PaymentStatus.PAID, 10, Optional.empty()).families())
                .containsExactly(expectedSummary("patel"));
    }

    @Test
    void a_row_of_the_previous_release_with_state_and_view_still_reads_and_moves_on_without_a_view() throws Exception {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        assertThat(deliver(newRecords())).isEmpty();
        Loaded<FamilyState> atTwo = aggregates.load(Family.INSTANCE, family("chen"), LoadTarget.latest()).orElseThrow();
        assertThat(readModels.putIfNotOlder(previousReleaseRow("chen", atTwo, true))).isTrue();
        assertThat(readModels.find(TENANT, FamilySummary.MODEL, "chen").orElseThrow().view()).isPresent();

        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));

        received("chen", 200, "2024-09-20");
        assertThat(deliver(newRecords())).isEmpty();

        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
        assertThat(summary("chen").state().balanceDue()).isEqualByComparingTo("250");
        assertThat(readModels.find(TENANT, FamilySummary.MODEL, "chen").orElseThrow().view()).isEmpty();
    }

    @Test
    void a_row_with_only_a_view_still_reads_and_its_next_batch_loads_the_state_from_the_store() throws Exception {
        enroll("lee", "Lee Family");
        due("lee", 100, "2024-10-01");
        assertThat(deliver(newRecords())).isEmpty();
        Loaded<FamilyState> atTwo = aggregates.load(Family.INSTANCE, family("lee"), LoadTarget.latest()).orElseThrow();
        assertThat(readModels.putIfNotOlder(previousReleaseRow("lee", atTwo, false))).isTrue();

        // Served the same: the old view never held the state's own bookkeeping (its dues), and the API never shows it.
        assertThat(Json.mapper().writeValueAsString(summary("lee")))
                .isEqualTo(Json.mapper().writeValueAsString(expectedSummary("lee")));

        received("lee", 100, "2024-09-25");
        assertThat(deliver(newRecords())).isEmpty();

        assertThat(summary("lee")).isEqualTo(expectedSummary("lee"));
        assertThat(summary("lee").state().paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(readModels.find(TENANT, FamilySummary.MODEL, "lee").orElseThrow().source()).isPresent();
    }

    /** A row as earlier releases wrote it: the summary as a view, and with {@code withState} the state beside it. */
    private ReadModelRow previousReleaseRow(String familyId, Loaded<FamilyState> loaded, boolean withState)
            throws Exception {
        FamilySummary view = FamilySummary.of(loaded.state(), loaded.version(), loaded.lastEventAt());
        return new ReadModelRow(TENANT, FamilySummary.MODEL, familyId, loaded.version(),
                Optional.of(Json.mapper().writeValueAsString(view)),
                Optional.of(FamilySummary.listing(view.state().paymentStatus())), loaded.lastEventAt(),
                withState ? Optional.of(new ReadModelRow.RowSource(codec.write(loaded.state()),
                        Family.INSTANCE.stateSchemaVersion())) : Optional.empty());
    }

    private FamilySummary expectedSummaryUpTo(String familyId, long version) {
        var loaded = aggregates.load(coop.domain.family.Family.INSTANCE, family(familyId),
                new coop.app.LoadTarget.AtVersion(version)).orElseThrow();
        return FamilySummary.of(loaded.state(), loaded.version(), loaded.lastEventAt());
    }

    private static String sequenceOf(List<DynamodbEvent.DynamodbStreamRecord> batch, int index) {
        return batch.get(index).getDynamodb().getSequenceNumber();
    }
}
