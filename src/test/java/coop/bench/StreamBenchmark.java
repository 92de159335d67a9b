package coop.bench;

import coop.store.NewEvent;
import coop.store.StreamId;
import coop.stream.StreamLoad;
import coop.stream.StreamTest;
import coop.testing.TestDynamo;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Prints what the stream function costs per record, a batch at a time, with every deployed subscriber on (summary,
 * both triggers, snapshots, feed), against the test server: for batches of 1, 10 and 100 records over 1, 10 and 100
 * families, once with records no trigger reacts to and once with records that are all a trigger's event (each
 * family's batch decides once, so one follow-up per family; the follow-ups are delivered and counted too). The
 * request count is what carries over to DynamoDB (and to the Lambda's bill); moto's latencies do not.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=coop.bench.StreamBenchmark}
 */
public final class StreamBenchmark extends StreamTest {

    private static final int[][] SHAPES = {{1, 1}, {10, 1}, {10, 10}, {100, 1}, {100, 10}, {100, 100}};

    private int run;

    public static void main(String[] args) {
        StreamBenchmark benchmark = new StreamBenchmark();
        benchmark.freshStreamSide();
        try {
            benchmark.run();
        } finally {
            benchmark.dropTables();
        }
    }

    @Override
    protected boolean everySubscriberDeployed() {
        return true;
    }

    private void run() {
        System.out.printf("endpoint %s%n", TestDynamo.endpoint());
        measure(10, 10, false); // warm-up: class loading, JIT, connections
        System.out.printf("%-8s %-9s %-15s %9s %10s %12s%n", "records", "families", "records are", "delivered",
                "records/s", "requests/rec");
        for (int[] shape : SHAPES) {
            for (boolean triggers : new boolean[]{false, true}) {
                Result result = measure(shape[0], shape[1], triggers);
                System.out.printf("%-8d %-9d %-15s %9d %10.0f %12.2f%n", shape[0], shape[1],
                        triggers ? "trigger events" : "other events", result.delivered(),
                        result.delivered() / result.seconds(), result.requests() / (double) result.delivered());
            }
        }
    }

    /** Sets up the families (not measured), appends the batch, then delivers it and the follow-ups it causes. */
    private Result measure(int records, int families, boolean triggers) {
        int perFamily = records / families;
        StreamLoad load = new StreamLoad(store);
        String prefix = "run" + (run++) + "-";
        List<StreamId> streams = IntStream.range(0, families).mapToObj(i -> family(prefix + i)).toList();
        streams.forEach(stream -> load.enrol(stream, triggers ? perFamily : 0));
        deliverAll();
        IntFunction<NewEvent> event = triggers ? StreamLoad::overdue : StreamLoad::score;
        streams.forEach(stream -> load.append(stream, 1 + (triggers ? perFamily : 0), perFamily, event));
        requests.reset();
        int delivered = 0;
        long nanos = 0;
        for (var batch = newRecords(); !batch.isEmpty(); batch = newRecords()) {
            for (int from = 0; from < batch.size(); from += 100) {
                var chunk = batch.subList(from, Math.min(from + 100, batch.size()));
                long start = System.nanoTime();
                if (!deliver(chunk).isEmpty()) {
                    throw new IllegalStateException("a record failed");
                }
                nanos += System.nanoTime() - start;
                delivered += chunk.size();
            }
        }
        // Only the function's time and requests: reading moto's stream is the local poller's cost, not Lambda's.
        return new Result(delivered, nanos / 1e9, requests.operations().size());
    }

    private record Result(int delivered, double seconds, long requests) {
    }
}
