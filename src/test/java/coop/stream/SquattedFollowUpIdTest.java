package coop.stream;

import coop.app.AppendRequest;
import coop.app.DerivedIds;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.domain.family.PortalAccess;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follow-up id taken by another event before ids were reserved (callers could compute it then): the lock trigger
 * still locks the portal, once, under the next deterministic id, however many copies of the notice's batch race.
 */
class SquattedFollowUpIdTest extends StreamTest {

    private void appendAs(String familyId, String eventId, String eventType, Map<String, Object> data) {
        clock.advance(java.time.Duration.ofSeconds(1));
        events.append(new AppendRequest(TENANT, Family.NAME, familyId, ExpectedVersion.any(),
                List.of(new ProposedEvent(Optional.of(eventId), eventType, Optional.empty(), data)), "coordinator-1",
                Optional.empty(), Optional.empty()));
    }

    /** Round by round, another kind of event takes the lock's id before the notice is recorded. */
    private void squat(int round, String familyId, String lockId) {
        switch (round % 3) {
            case 0 -> appendAs(familyId, lockId, "ChildAdded", Map.of("child_name", "Squatter"));
            case 1 -> {
                // A look-alike: the very payload the trigger appends, on the same family, then restored by hand.
                appendAs(familyId, lockId, "PortalAccessLocked", Map.of("reason", "A payment is overdue"));
                append(familyId, "PortalAccessRestored", Map.of("reason", "locked by mistake"));
            }
            default -> appendAs("other-" + round, lockId, "FamilyEnrolled",
                    Map.of("family_name", "Other", "enrollment_date", "2024-09-01"));
        }
    }

    private List<RecordedEvent> locks(String familyId) {
        return history(familyId).stream().filter(e -> e.eventType().equals("PortalAccessLocked")
                && e.userId().startsWith("trigger:")).toList();
    }

    @Test
    void follow_up_ids_lie_in_the_namespace_no_caller_may_append_to() {
        assertThat(FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, "overdue-1"))
                .startsWith(DerivedIds.NAMESPACE)
                .satisfies(id -> assertThat(DerivedIds.isReserved(id)).isTrue())
                .isNotEqualTo(FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, "overdue-1", 1));
    }

    @Test
    void a_notice_whose_every_follow_up_id_is_taken_fails_and_locks_nothing() {
        enroll("blocked", "Blocked Family");
        due("blocked", 450, "2024-10-01");
        for (int attempt = 0; attempt < FollowUps.ID_ATTEMPTS; attempt++) {
            appendAs("blocked", FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, "blocked-notice", attempt),
                    "ChildAdded", Map.of("child_name", "Squatter " + attempt));
        }
        deliverAll();
        appendAs("blocked", "blocked-notice", "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        RecordedEvent notice = history("blocked").getLast();

        assertThat(dispatcher.dispatch(List.of(notice)).failed()).as("the record fails, to be looked at")
                .containsExactly(notice);
        assertThat(locks("blocked")).isEmpty();
    }

    @Test
    void a_taken_lock_id_still_locks_the_portal_once_under_the_next_id_whatever_copies_race() throws Exception {
        int copies = 4;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            for (int round = 0; round < 6; round++) {
                String familyId = "squatted-" + round;
                String noticeId = "overdue-notice-" + round;
                String lockId = FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, noticeId);
                enroll(familyId, "Family " + round);
                due(familyId, 450, "2024-10-01");
                squat(round, familyId, lockId);
                deliverAll();
                appendAs(familyId, noticeId, "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
                var notice = newRecords();

                CyclicBarrier together = new CyclicBarrier(copies);
                List<Future<List<String>>> deliveries = new ArrayList<>();
                for (int copy = 0; copy < copies; copy++) {
                    deliveries.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return deliver(notice);
                    }));
                }
                for (Future<List<String>> delivery : deliveries) {
                    assertThat(delivery.get(60, TimeUnit.SECONDS)).as("round %d", round).isEmpty();
                }
                deliverAll();

                assertThat(locks(familyId)).as("round %d", round).singleElement().satisfies(lock -> {
                    assertThat(lock.eventId()).isEqualTo(
                            FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, noticeId, 1));
                    assertThat(lock.causationId()).contains(noticeId);
                });
                assertThat(summary(familyId).state().portalAccess()).as("round %d", round).isEqualTo(PortalAccess.LOCKED);
                assertThat(summary(familyId)).isEqualTo(expectedSummary(familyId));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
