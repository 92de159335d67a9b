package coop.stream;

import coop.testing.TestDynamo;

import java.util.Map;

/**
 * Prints what the stream function costs per event: records handled per second and DynamoDB requests per record,
 * with every subscriber of the stream side on (projection, both triggers, feed), against the test server.
 * The request count is what carries over to DynamoDB (and to the Lambda's bill); moto's latencies do not.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=coop.stream.StreamBenchmark}
 */
public final class StreamBenchmark extends StreamTest {

    private static final int FAMILIES = Integer.getInteger("bench.families", 20);

    public static void main(String[] args) {
        StreamBenchmark benchmark = new StreamBenchmark();
        benchmark.freshStreamSide();
        try {
            benchmark.run();
        } finally {
            benchmark.dropTables();
        }
    }

    private void run() {
        System.out.printf("endpoint %s, %d families%n", TestDynamo.endpoint(), FAMILIES);
        for (int i = 0; i < FAMILIES; i++) {
            String id = "family-" + i;
            enroll(id, "Family " + i);
            append(id, "ChildAdded", Map.of("child_name", "Child " + i));
            due(id, 450, "2024-10-01");
        }
        measure("enrol, child, payment due (no trigger fires)");

        for (int i = 0; i < FAMILIES; i++) {
            append("family-" + i, "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        }
        measure("payment overdue (the lock trigger fires)");

        for (int i = 0; i < FAMILIES; i++) {
            received("family-" + i, 450, "2024-10-20");
        }
        measure("payment received (the restore trigger fires)");
    }

    /** Delivers everything the stream holds, follow-ups of triggers included, and prints the cost per record. */
    private void measure(String name) {
        int records = 0;
        requests.reset();
        long start = System.nanoTime();
        for (var batch = newRecords(); !batch.isEmpty(); batch = newRecords()) {
            records += batch.size();
            deliver(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-48s %4d records  %7.1f records/s  requests/record %.1f%n", name, records,
                records / seconds, requests.operations().size() / (double) records);
    }
}
