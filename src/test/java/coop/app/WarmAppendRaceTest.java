package coop.app;

import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.domain.family.FamilyLimits;
import coop.domain.family.FamilyState;
import coop.store.AppendResult;
import coop.store.ConcurrencyConflict;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.testing.TestDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two function instances, each with its own memory and several threads, append to one family at once with expected
 * version "any", released together step by step: every event is stored once at contiguous versions, nothing is lost,
 * and the rules hold on the state each write follows (the 21st child is refused, however the writers interleave).
 */
class WarmAppendRaceTest extends AppTest {

    private static final int ROUNDS = 4;
    private static final int THREADS_PER_INSTANCE = 3;
    private static final int WRITERS = 2 * THREADS_PER_INSTANCE;
    /** 6 writers x 4 children = 24 asked for, so 4 must be refused. */
    private static final int CHILDREN_EACH = 4;
    private static final AggregateTypes FAMILIES = new AggregateTypes(List.of(Family.INSTANCE));

    @Test
    void racing_warm_instances_store_every_child_once_and_refuse_the_twenty_first() throws Exception {
        OperationsByThread byThread = new OperationsByThread();
        try (DynamoDbClient racing = TestDynamo.client(byThread)) {
            race(racing, byThread);
        }
    }

    private void race(DynamoDbClient racing, OperationsByThread byThread) throws InterruptedException {
        long warmWrites = 0;
        long warmWritesLost = 0;
        for (int round = 0; round < ROUNDS; round++) {
            StreamId family = new StreamId(TENANT, Family.NAME, "race-" + round);
            EventStore racingStore = new DynamoDbEventStore(racing, tables.storeSettings(), clock);
            AggregateRepository oneMemory = warmRepository(racingStore);
            AggregateRepository otherMemory = warmRepository(racingStore);
            EventService one = new EventService(FAMILIES, racingStore, oneMemory, codec);
            EventService other = new EventService(FAMILIES, racingStore, otherMemory, codec);
            oneMemory.load(Family.INSTANCE, family, LoadTarget.latest());
            untilAnswered(one, family, enrolled("Race " + round));
            otherMemory.load(Family.INSTANCE, family, LoadTarget.latest()); // both instances start warm
            byThread.clear();

            List<AppendResult> stored = Collections.synchronizedList(new ArrayList<>());
            List<AppendResult> twins = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            CyclicBarrier together = new CyclicBarrier(WRITERS);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int w = 0; w < WRITERS; w++) {
                EventService instance = w % 2 == 0 ? one : other;
                int writer = w;
                Thread thread = new Thread(() -> {
                    try {
                        for (int c = 0; c < CHILDREN_EACH; c++) {
                            together.await(60, TimeUnit.SECONDS);
                            String id = family.aggregateId() + "-child-" + writer + "-" + c;
                            Optional<AppendResult> result = untilAnswered(instance, family, new ProposedEvent(
                                    Optional.of(id), "ChildAdded", Optional.empty(), Map.of("child_name", id)));
                            result.ifPresentOrElse(stored::add, refused::incrementAndGet);
                        }
                        // The same request from every writer at once (a client's retries): stored once.
                        together.await(60, TimeUnit.SECONDS);
                        twins.add(untilAnswered(instance, family, new ProposedEvent(
                                Optional.of(family.aggregateId() + "-due"), "PaymentDue", Optional.empty(),
                                Map.of("amount", 450, "due_date", "2024-10-01"))).orElseThrow());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "warm-writer-" + w);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
            }
            assertThat(failures).as("round %d", round).isEmpty();

            List<RecordedEvent> history = store.readStream(family, 0, Long.MAX_VALUE);
            int total = 1 + FamilyLimits.MAX_CHILDREN + 1;
            assertThat(history).extracting(RecordedEvent::aggregateVersion)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(stored).hasSize(FamilyLimits.MAX_CHILDREN).noneMatch(AppendResult::duplicate);
            assertThat(refused.get()).isEqualTo(WRITERS * CHILDREN_EACH - FamilyLimits.MAX_CHILDREN);
            assertThat(history.stream().filter(e -> e.eventType().equals("ChildAdded")).map(RecordedEvent::eventId))
                    .containsExactlyInAnyOrderElementsOf(stored.stream()
                            .map(result -> result.positions().getFirst().eventId()).toList());
            assertThat(twins).hasSize(WRITERS).allMatch(twin -> twin.positions().equals(twins.getFirst().positions()));
            assertThat(twins.stream().filter(twin -> !twin.duplicate())).hasSize(1);
            FamilyState state = new AggregateRepository(store, codec)
                    .load(Family.INSTANCE, family, LoadTarget.latest()).orElseThrow().state();
            assertThat(state.children()).hasSize(FamilyLimits.MAX_CHILDREN);
            assertThat(byThread.count("TransactWriteItems")).as("round %d: races lost", round)
                    .isGreaterThan(total - 1);
            warmWrites += byThread.warmWrites(false);
            warmWritesLost += byThread.warmWrites(true);
        }
        // Writes with no load before them, some of which lost their condition: the warm path raced, not only the cold.
        assertThat(warmWrites).isPositive();
        assertThat(warmWritesLost).isPositive();
    }

    private AggregateRepository warmRepository(EventStore racingStore) {
        return new AggregateRepository(racingStore, codec, type -> 0, SnapshotWrites.NONE, new WarmStates(100));
    }

    /**
     * Appends as a client does: a conflict after the service's own retries is sent again, as it was, until it is
     * stored or refused. Empty when the rules refuse it.
     */
    private Optional<AppendResult> untilAnswered(EventService instance, StreamId family, ProposedEvent event) {
        while (true) {
            try {
                return Optional.of(instance.append(new AppendRequest(TENANT, Family.NAME, family.aggregateId(),
                        ExpectedVersion.any(), List.of(event), "sarah", Optional.empty(), Optional.empty())));
            } catch (RuleViolation refused) {
                return Optional.empty();
            } catch (ConcurrencyConflict lostEightTimes) {
                // sent again
            }
        }
    }
}
