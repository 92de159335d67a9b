package coop.app;

import coop.domain.family.Family;
import coop.store.ChainVerification;
import coop.store.ConcurrencyConflict;
import coop.store.ExpectedVersion;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appends racing on one family (single events in even rounds, batches of three in odd ones), from two instances
 * with their own memory of the head, released together by a barrier: however they interleave, the stored chain
 * verifies and holds every event.
 */
class ChainRaceTest extends AppTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 20;
    private static final int BATCH = 3;

    @Test
    void racing_appends_never_leave_a_chain_that_fails_to_verify() throws Exception {
        EventService one = service(new AggregateRepository(store, codec, type -> 0, SnapshotWrites.NONE,
                new WarmStates(100)));
        EventService other = coldService();
        for (int round = 0; round < ROUNDS; round++) {
            StreamId family = new StreamId(TENANT, Family.NAME, "race-" + round);
            int perAppend = round % 2 == 0 ? 1 : BATCH;
            append(family.aggregateId(), ExpectedVersion.noStream(), enrolled("Race " + round));
            CyclicBarrier together = new CyclicBarrier(THREADS);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                EventService instance = t % 2 == 0 ? one : other;
                Thread thread = new Thread(() -> {
                    try {
                        together.await(60, TimeUnit.SECONDS);
                        untilStored(instance, family, perAppend);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "chain-writer-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
            }
            assertThat(failures).as("round %d", round).isEmpty();

            ChainVerification chain = store.verifyChain(family);
            assertThat(chain.verified()).as("round %d: %s", round, chain).isTrue();
            assertThat(chain.aggregateVersion()).isEqualTo(1 + (long) THREADS * perAppend);
            assertThat(chain.head()).isEqualTo(store.readStream(family, 0, Long.MAX_VALUE).getLast().chainHash());
        }
    }

    /** As a client does: a conflict after the service's own retries is sent again until it is stored. */
    private static void untilStored(EventService instance, StreamId family, int events) {
        List<ProposedEvent> dues = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            dues.add(proposed("PaymentDue", Map.of("amount", 10 + i, "due_date", "2024-10-01")));
        }
        while (true) {
            try {
                instance.append(new AppendRequest(TENANT, Family.NAME, family.aggregateId(), ExpectedVersion.any(),
                        dues, "sarah", Optional.empty(), Optional.empty()));
                return;
            } catch (ConcurrencyConflict lostEveryAttempt) {
                // sent again
            }
        }
    }
}
