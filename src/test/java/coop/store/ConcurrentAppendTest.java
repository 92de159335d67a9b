package coop.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentAppendTest extends StoreTest {

    @Test
    void concurrent_writers_get_exactly_one_winner_per_version() throws Exception {
        StreamId stream = family("martinez");
        int writers = 8;
        int appendsEach = 20;
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                long seen = 0;
                for (int i = 0; i < appendsEach; i++) {
                    while (true) {
                        try {
                            AppendResult won = store.append(stream, ExpectedVersion.exactly(seen),
                                    List.of(event("Tick")), by("w" + writer));
                            written.add(won.positions().getFirst().eventId());
                            seen = won.lastVersion();
                            break;
                        } catch (ConcurrencyConflict lost) {
                            conflicts.incrementAndGet();
                            seen = lost.actual();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        pool.shutdown();

        List<RecordedEvent> stored = store.readStream(stream, 0, Long.MAX_VALUE);
        int total = writers * appendsEach;
        assertThat(versions(stored)).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(new HashSet<>(stored.stream().map(RecordedEvent::eventId).toList()))
                .hasSize(total)
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(written).hasSize(total);
        // Eight writers racing for one stream must have lost some races, or the test proved nothing.
        assertThat(conflicts.get()).isPositive();
    }

    @Test
    void conflict_carries_the_expected_and_the_actual_version() {
        StreamId stream = family("chen");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("A"), event("B"), event("C")), by("sarah"));

        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.exactly(1), List.of(event("D")), by("sarah")))
                .isInstanceOfSatisfying(ConcurrencyConflict.class, conflict -> {
                    assertThat(conflict.expected()).isEqualTo(ExpectedVersion.exactly(1));
                    assertThat(conflict.actual()).isEqualTo(3);
                });
        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.noStream(), List.of(event("D")), by("sarah")))
                .isInstanceOfSatisfying(ConcurrencyConflict.class, conflict -> assertThat(conflict.actual()).isEqualTo(3));
        assertThat(store.currentVersion(stream)).isEqualTo(3);
    }

    @Test
    void a_lost_race_does_not_bring_back_the_events_that_won_it() {
        StreamId stream = family("busy");
        String payload = "{\"pad\":\"" + "x".repeat(20_000) + "\"}";
        List<NewEvent> batch = LongStream.range(0, 10).mapToObj(i -> NewEvent.of("Tick", 1, payload)).toList();
        store.append(stream, ExpectedVersion.noStream(), batch, by("sarah"));

        // A writer that lost the race for versions 1..10 only needs to know that they are taken (and whether its ids
        // are): the 200 KB of the winner's events are no use to it, and under contention every loser would fetch them.
        requests.reset();
        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.noStream(), batch, by("maria")))
                .isInstanceOf(ConcurrencyConflict.class);

        assertThat(requests.operations()).containsExactly("TransactWriteItems", "Query");
        assertThat(requests.bytesRead()).isLessThan(10_000);
    }

    @Test
    void expected_version_ahead_of_the_stream_is_a_conflict_too() {
        StreamId stream = family("okafor");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("A")), by("sarah"));

        // Version 5 would leave a gap at 2..4; the write at 6 succeeds in DynamoDB unless the store forbids gaps.
        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.exactly(5), List.of(event("B")), by("sarah")))
                .isInstanceOfSatisfying(ConcurrencyConflict.class, conflict -> assertThat(conflict.actual()).isEqualTo(1));
        assertThat(versions(store.readStream(stream, 0, Long.MAX_VALUE))).containsExactly(1L);
    }
}
