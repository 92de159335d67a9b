package coop.stream;

import coop.domain.family.PortalAccess;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator restores a locked portal by hand while an overdue notice is on its way through the stream: the lock
 * trigger never undoes the restore, whether the two arrive in one batch, one right after the other, or while a replay
 * of older notices races the live stream.
 */
class ManualRestoreTest extends StreamTest {

    private List<String> families(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** Enrolled with dues on Oct 1, Nov 1 and Dec 1; the first is overdue and the trigger locked the portal. */
    private void lockedByTheFirstOverdue(List<String> families) {
        for (String family : families) {
            enroll(family, "Family " + family);
            due(family, 450, "2024-10-01");
            due(family, 300, "2024-11-01");
            due(family, 200, "2024-12-01");
        }
        deliverAll();
        families.forEach(family -> overdue(family, 450, "2024-10-01"));
        deliverAll();
        assertThat(families).allSatisfy(family -> assertThat(locks(family)).hasSize(1));
    }

    private void overdue(String family, int amount, String dueDate) {
        append(family, "PaymentOverdue", Map.of("amount", amount, "due_date", dueDate));
    }

    private void restoreByHand(String family) {
        append(family, "PortalAccessRestored", Map.of("reason", "Paid at the office, receipt seen"));
    }

    private List<RecordedEvent> locks(String family) {
        return history(family).stream().filter(e -> e.eventType().equals("PortalAccessLocked")).toList();
    }

    private RecordedEvent event(String family, long version) {
        return history(family).get((int) version - 1);
    }

    @Test
    void an_overdue_notice_and_a_manual_restore_in_one_batch_leave_the_portal_restored() {
        List<String> families = families("same-batch", 8);
        lockedByTheFirstOverdue(families);

        for (String family : families) {
            overdue(family, 300, "2024-11-01");
            restoreByHand(family);
        }
        assertThat(deliver(newRecords())).isEmpty();
        deliverAll();

        assertThat(families).allSatisfy(family -> {
            assertThat(locks(family)).as(family).hasSize(1);
            assertThat(summary(family).state().portalAccess()).as(family).isEqualTo(PortalAccess.ACTIVE);
            assertThat(summary(family)).isEqualTo(expectedSummary(family));
        });
    }

    @Test
    void a_manual_restore_right_after_an_overdue_notice_in_the_next_batch_leaves_the_portal_restored() {
        List<String> families = families("next-batch", 8);
        lockedByTheFirstOverdue(families);

        families.forEach(family -> overdue(family, 300, "2024-11-01"));
        var notices = newRecords();
        families.forEach(this::restoreByHand);
        var restores = newRecords();
        assertThat(deliver(notices)).isEmpty();
        assertThat(deliver(restores)).isEmpty();
        // The notices again, as a redelivery or a replay would bring them after the restores.
        assertThat(deliver(notices)).isEmpty();
        deliverAll();

        assertThat(families).allSatisfy(family -> {
            assertThat(locks(family)).as(family).hasSize(1);
            assertThat(summary(family).state().portalAccess()).as(family).isEqualTo(PortalAccess.ACTIVE);
        });
    }

    @Test
    void a_replay_of_older_notices_racing_the_live_stream_never_moves_a_cursor_back_nor_undoes_a_restore()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                List<String> families = families("race-" + round, 4);
                List<StreamId> streams = families.stream().map(StreamTest::family).toList();
                lockedByTheFirstOverdue(families);                      // v5 overdue, v6 lock
                families.forEach(this::restoreByHand);                  // v7
                deliverAll();
                families.forEach(family -> overdue(family, 300, "2024-11-01"));   // v8: its batch went to the DLQ
                newRecords();
                families.forEach(family -> overdue(family, 200, "2024-12-01"));   // v9: the live stream
                var live = newRecords();
                List<RecordedEvent> replayed = families.stream().map(family -> event(family, 8)).toList();

                CyclicBarrier together = new CyclicBarrier(2);
                Future<List<String>> liveBatch = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return deliver(live);
                });
                Future<List<RecordedEvent>> replay = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return dispatcher.dispatch(replayed).failed();
                });
                assertThat(liveBatch.get(60, TimeUnit.SECONDS)).as("round %d", round).isEmpty();
                assertThat(replay.get(60, TimeUnit.SECONDS)).as("round %d", round).isEmpty();
                deliverAll();
                assertThat(checkpoints.cursors(PortalTriggers.LOCK_ON_OVERDUE, streams).values())
                        .as("round %d: cursors", round).hasSize(families.size()).containsOnly(9L);

                // The newest notice locked the portal; a coordinator restores it, then both notices are replayed.
                families.forEach(this::restoreByHand);
                deliverAll();
                assertThat(dispatcher.dispatch(families.stream().flatMap(family -> List.of(event(family, 8),
                        event(family, 9)).stream()).toList()).failed()).isEmpty();
                deliverAll();

                for (String family : families) {
                    assertThat(locks(family)).as("round %d, %s", round, family).hasSize(2)
                            .last().satisfies(lock -> assertThat(lock.causationId())
                                    .contains(event(family, 9).eventId()));
                    assertThat(summary(family).state().portalAccess()).as("round %d, %s", round, family)
                            .isEqualTo(PortalAccess.ACTIVE);
                    assertThat(summary(family)).isEqualTo(expectedSummary(family));
                }
                assertThat(checkpoints.cursors(PortalTriggers.LOCK_ON_OVERDUE, streams).values())
                        .as("round %d: cursors after the replay", round).containsOnly(9L);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
