package coop.stream;

import coop.schedule.OverduePayments;
import coop.schedule.OverdueRun;
import coop.domain.family.PaymentStatus;
import coop.domain.family.PortalAccess;
import coop.store.CheckpointStore;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbCheckpoints;
import coop.local.TableDefinitions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class PortalTriggersTest extends StreamTest {

    private OverduePayments scheduler() {
        return new OverduePayments(readModels, aggregates, events, codec, clock);
    }

    private List<RecordedEvent> ofType(String familyId, String type) {
        return history(familyId).stream().filter(e -> e.eventType().equals(type)).toList();
    }

    @Test
    void chen_story_overdue_payment_locks_the_portal_and_the_payment_restores_it() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();

        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        assertThat(scheduler().markOverdue().markedOverdue()).isEqualTo(1);
        deliverAll();

        RecordedEvent overdue = ofType("chen", "PaymentOverdue").getFirst();
        RecordedEvent locked = ofType("chen", "PortalAccessLocked").getFirst();
        assertThat(locked.causationId()).contains(overdue.eventId());
        assertThat(locked.correlationId()).isEqualTo(overdue.correlationId());
        assertThat(locked.userId()).isEqualTo("trigger:lock-portal-on-overdue");
        assertThat(locked.eventId()).isEqualTo(FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, overdue.eventId()));
        assertThat(summary("chen").state().portalAccess()).isEqualTo(PortalAccess.LOCKED);
        assertThat(summary("chen").state().paymentStatus()).isEqualTo(PaymentStatus.OVERDUE);

        RecordedEvent payment = store.findEvent(TENANT, received("chen", 450, "2024-10-20").positions().getFirst()
                .eventId()).orElseThrow();
        deliverAll();

        RecordedEvent restored = ofType("chen", "PortalAccessRestored").getFirst();
        assertThat(restored.causationId()).contains(payment.eventId());
        assertThat(restored.correlationId()).isEqualTo(payment.correlationId());
        assertThat(restored.userId()).isEqualTo("trigger:restore-portal-on-payment");
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
        assertThat(summary("chen").state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
        assertThat(summary("chen").state().paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(history("chen")).extracting(RecordedEvent::eventType).containsExactly("FamilyEnrolled",
                "PaymentDue", "PaymentOverdue", "PortalAccessLocked", "PaymentReceived", "PortalAccessRestored");
    }

    @Test
    void a_partial_payment_that_leaves_the_due_overdue_does_not_restore_the_portal() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        scheduler().markOverdue();
        deliverAll();

        received("chen", 100, "2024-10-20");
        deliverAll();

        assertThat(ofType("chen", "PortalAccessRestored")).isEmpty();
        assertThat(summary("chen").state().portalAccess()).isEqualTo(PortalAccess.LOCKED);
    }

    @Test
    void the_lock_fires_once_however_often_and_however_concurrently_its_record_is_delivered() throws Exception {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        scheduler().markOverdue();
        var overdueRecords = newRecords();

        // Two invocations at once, then again as if the cursor write had been lost after the append.
        CompletableFuture<List<String>> one = CompletableFuture.supplyAsync(() -> deliver(overdueRecords));
        CompletableFuture<List<String>> two = CompletableFuture.supplyAsync(() -> deliver(overdueRecords));
        assertThat(one.get()).isEmpty();
        assertThat(two.get()).isEmpty();
        String otherCheckpoints = tables.name("CheckpointsTable") + "-lost";
        TableDefinitions.fromClasspath().create(dynamo, "CheckpointsTable", otherCheckpoints);
        try {
            CheckpointStore lost = new DynamoDbCheckpoints(dynamo, otherCheckpoints);
            var trigger = PortalTriggers.lockOnOverdue(true, events, store, codec, lost);
            RecordedEvent overdue = ofType("chen", "PaymentOverdue").getFirst();
            assertThat(trigger.handle(List.of(overdue), new BatchStates(List.of(overdue), aggregates, store,
                    familySummary))).isEmpty();
            assertThat(trigger.handle(List.of(overdue, overdue), new BatchStates(List.of(overdue), aggregates, store,
                    StartingPoints.NONE))).isEmpty();
        } finally {
            dynamo.deleteTable(request -> request.tableName(otherCheckpoints));
        }
        deliver(overdueRecords);

        assertThat(ofType("chen", "PortalAccessLocked")).hasSize(1);
    }

    @Test
    void the_overdue_scheduler_run_twice_appends_each_overdue_once_and_only_for_past_dues() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        due("chen", 450, "2024-11-01");
        enroll("patel", "Patel Family");
        due("patel", 300, "2024-10-01");
        received("patel", 300, "2024-09-28");
        deliverAll();
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));

        OverdueRun first = scheduler().markOverdue();
        OverdueRun second = scheduler().markOverdue();

        assertThat(first.markedOverdue()).isEqualTo(1);
        assertThat(second.markedOverdue()).isZero();
        assertThat(ofType("chen", "PaymentOverdue")).singleElement()
                .satisfies(e -> assertThat(e.data()).contains("2024-10-01"));
        assertThat(ofType("patel", "PaymentOverdue")).isEmpty();

        // Once the family is listed as overdue, a later run still finds its next due.
        deliverAll();
        clock.set(Instant.parse("2024-11-02T06:00:00Z"));
        assertThat(scheduler().markOverdue().markedOverdue()).isEqualTo(1);
        assertThat(scheduler().markOverdue().markedOverdue()).isZero();
        assertThat(ofType("chen", "PaymentOverdue")).hasSize(2);
    }
}
