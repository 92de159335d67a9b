package coop.store;

import coop.store.dynamodb.DynamoDbCheckpoints;
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

/** A trigger's cursors only move forward, whichever writer comes last. */
class TriggerCursorsTest extends StoreTest {

    private static final String TRIGGER = "lock-portal-on-overdue";

    private CheckpointStore cursors() {
        return new DynamoDbCheckpoints(dynamo, tables.name("CheckpointsTable"));
    }

    @Test
    void an_older_cursor_written_after_a_newer_one_leaves_the_newer_one() {
        CheckpointStore checkpoints = cursors();
        StreamId moved = family("moved");
        StreamId fresh = family("fresh");

        checkpoints.moveCursors(TRIGGER, Map.of(moved, 9L));
        requests.reset();
        checkpoints.moveCursors(TRIGGER, Map.of(moved, 5L, fresh, 3L));

        assertThat(checkpoints.cursors(TRIGGER, List.of(moved, fresh))).isEqualTo(Map.of(moved, 9L, fresh, 3L));
        assertThat(requests.operations()).as("one conditional write per stream")
                .startsWith("UpdateItem", "UpdateItem");
        checkpoints.moveCursors(TRIGGER, Map.of(moved, 12L));
        assertThat(checkpoints.cursors(TRIGGER, List.of(moved))).isEqualTo(Map.of(moved, 12L));
    }

    @Test
    void writers_of_different_versions_released_together_leave_the_highest() throws Exception {
        CheckpointStore checkpoints = cursors();
        int writers = 4;
        List<StreamId> families = IntStream.range(0, 5).mapToObj(i -> family("f" + i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 10; round++) {
                long base = round * 10L;
                CyclicBarrier together = new CyclicBarrier(writers);
                List<Future<?>> done = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    // Writer 0 carries the highest version; the later the writer starts, the older its cursor.
                    long version = base + writers - writer;
                    Map<StreamId, Long> batch = new java.util.LinkedHashMap<>();
                    families.forEach(family -> batch.put(family, version));
                    done.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        checkpoints.moveCursors(TRIGGER, batch);
                        return null;
                    }));
                }
                for (Future<?> writer : done) {
                    writer.get(60, TimeUnit.SECONDS);
                }
                Map<StreamId, Long> stored = checkpoints.cursors(TRIGGER, families);
                assertThat(stored).as("round %d", round).hasSize(families.size());
                assertThat(stored.values()).as("round %d", round).containsOnly(base + writers);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
