package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.domain.family.PortalAccess;
import coop.store.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same stream batch handled by several invocations at once (a redelivery racing the original, a replay racing
 * the stream): the lock trigger appends one {@code PortalAccessLocked}, whichever invocations win.
 */
class TriggerRaceTest extends StreamTest {

    @Test
    void copies_of_an_overdue_batch_released_together_lock_the_portal_once() throws Exception {
        int copies = 4;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            for (int round = 0; round < 5; round++) {
                String familyId = "family-" + round;
                enroll(familyId, "Family " + round);
                due(familyId, 450, "2024-10-01");
                deliverAll();
                clock.set(Instant.parse("2024-10-15T06:00:00Z").plusSeconds(round * 60L));
                append(familyId, "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
                List<DynamodbEvent.DynamodbStreamRecord> overdue = newRecords();
                CyclicBarrier together = new CyclicBarrier(copies);
                List<Future<List<String>>> deliveries = new ArrayList<>();
                for (int copy = 0; copy < copies; copy++) {
                    deliveries.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return deliver(overdue);
                    }));
                }
                for (Future<List<String>> delivery : deliveries) {
                    assertThat(delivery.get(60, TimeUnit.SECONDS)).as("round %d", round).isEmpty();
                }
                deliverAll();

                assertThat(history(familyId)).extracting(RecordedEvent::eventType).as("round %d", round)
                        .filteredOn("PortalAccessLocked"::equals).hasSize(1);
                assertThat(summary(familyId).state().portalAccess()).isEqualTo(PortalAccess.LOCKED);
                assertThat(summary(familyId)).isEqualTo(expectedSummary(familyId));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
