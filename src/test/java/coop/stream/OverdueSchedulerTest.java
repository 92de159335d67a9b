package coop.stream;

import coop.app.AggregateRepository;
import coop.app.EventService;
import coop.app.LoadTarget;
import coop.app.SnapshotWrites;
import coop.app.WarmStates;
import coop.domain.family.DuePayment;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.schedule.OverduePayments;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The overdue job declares each unpaid past due overdue exactly once, however often and concurrently it runs. */
class OverdueSchedulerTest extends StreamTest {

    private static final LocalDate TODAY = LocalDate.parse("2024-10-15");

    /** A copy of the job in a function instance of its own, which remembers the families it loads, as deployed. */
    private OverduePayments scheduler() {
        AggregateRepository warm = new AggregateRepository(store, codec, type -> 0, SnapshotWrites.NONE,
                new WarmStates(100));
        return new OverduePayments(readModels, warm, new EventService(types, store, warm, codec), codec, clock);
    }

    private FamilyState state(String familyId) {
        return aggregates.load(Family.INSTANCE, family(familyId), LoadTarget.latest()).orElseThrow().state();
    }

    private long overdueEvents(String familyId) {
        return history(familyId).stream().map(RecordedEvent::eventType).filter("PaymentOverdue"::equals).count();
    }

    @Test
    void two_dues_of_the_same_amount_and_date_are_each_declared_overdue() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01"); // tuition for each of two children
        due("chen", 450, "2024-10-01");
        deliverAll();
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));

        assertThat(scheduler().markOverdue().markedOverdue()).isEqualTo(2);
        assertThat(scheduler().markOverdue().markedOverdue()).isZero();

        assertThat(overdueEvents("chen")).isEqualTo(2);
        assertThat(state("chen").dues()).hasSize(2).allMatch(DuePayment::overdue);
        assertThat(state("chen").duesToMarkOverdue(TODAY)).isEmpty();
    }

    @Test
    void each_family_is_loaded_once_and_each_due_costs_one_write() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        due("chen", 450, "2024-10-01");
        due("chen", 300, "2024-10-05");
        deliverAll();
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        OverduePayments job = scheduler();
        requests.reset();

        assertThat(job.markOverdue().markedOverdue()).isEqualTo(3);

        // The tenants and the "due" listing, the family's load (snapshot and events), which leaves the state its
        // appends start from: one write per due and no load before it (cold, each would load again: 6 queries
        // more), then the "overdue" listing.
        assertThat(requests.operations()).containsExactly("Query", "Query", "Query", "Query",
                "TransactWriteItems", "TransactWriteItems", "TransactWriteItems", "Query");
        assertThat(overdueEvents("chen")).isEqualTo(3);
    }

    @Test
    void a_family_whose_history_no_longer_folds_fails_the_run_only_after_every_other_family_was_marked() {
        enroll("aaron", "Aaron Family"); // listed first: the listing is by family id
        due("aaron", 200, "2024-10-01");
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();
        // Written past the service's validation, as a bad deployment or a hand edit could: it no longer folds.
        store.append(family("aaron"), ExpectedVersion.exactly(2), List.of(NewEvent.of("NoSuchFamilyEvent", 1, "{}")),
                EventMetadata.of("ops", "fix-1"));
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));

        assertThatThrownBy(() -> scheduler().markOverdue()).hasMessageContaining("aaron");

        assertThat(overdueEvents("chen")).isEqualTo(1);
        assertThat(overdueEvents("aaron")).isZero();
    }

    @Test
    void copies_of_the_job_released_together_declare_each_due_overdue_once() throws Exception {
        int copies = 4;
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            for (int round = 0; round < 5; round++) {
                String familyId = "family-" + round;
                enroll(familyId, "Family " + round);
                due(familyId, 450, "2024-10-01");
                due(familyId, 450, "2024-10-01");
                due(familyId, 300, "2024-10-05");
                deliverAll();
                CyclicBarrier together = new CyclicBarrier(copies);
                List<Future<Integer>> runs = new ArrayList<>();
                for (int copy = 0; copy < copies; copy++) {
                    runs.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return scheduler().markOverdue().markedOverdue();
                    }));
                }
                int marked = 0;
                for (Future<Integer> run : runs) {
                    marked += run.get(120, TimeUnit.SECONDS);
                }

                assertThat(marked).as("round %d: appended by all copies together", round).isEqualTo(3);
                assertThat(overdueEvents(familyId)).as("round %d", round).isEqualTo(3);
                assertThat(state(familyId).duesToMarkOverdue(TODAY)).isEmpty();
                deliverAll();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
