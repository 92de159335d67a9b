package coop.bench;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.AppendRequest;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.app.ProposedEvent;
import coop.app.SnapshotWrites;
import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyEvent;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentReceived;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.testing.BulkEvents;
import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import coop.testing.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Prints what loads cost right after an import, before any stream processing: a 1,201-event family against an
 * 11-event one, without and with snapshots on demand, and a load by instant against one by version on a long
 * history. Times against moto measure moto more than the store; requests, items and bytes carry over to DynamoDB.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=coop.bench.LoadBenchmark}
 */
public final class LoadBenchmark {

    private static final String TENANT = "bench";
    private static final int EVERY = 50;
    private static final int LOADS = 10;

    private final RequestCounter requests = new RequestCounter();
    private final DynamoDbClient dynamo = TestDynamo.client(requests);
    private final TestTables tables = TestTables.create(dynamo);
    private final EventStore store = new DynamoDbEventStore(dynamo, tables.storeSettings(), Clock.systemUTC());
    private final EventCodec codec = new EventCodec(Json.mapper());

    public static void main(String[] args) {
        LoadBenchmark benchmark = new LoadBenchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.tables.drop(benchmark.dynamo);
        }
    }

    private void run() {
        System.out.printf("endpoint %s, snapshot interval %d, %d loads each%n", TestDynamo.endpoint(), EVERY, LOADS);
        AggregateRepository replaying = new AggregateRepository(store, codec);
        AggregateRepository onDemand = new AggregateRepository(store, codec, type -> EVERY, SnapshotWrites.NONE);
        for (var mode : List.of(new Mode("before: stream snapshots only, none yet", replaying, "a"),
                new Mode("after: snapshots on demand", onDemand, "b"))) {
            System.out.println(mode.name());
            importFamily(mode, mode.prefix() + "-small", 10);
            importFamily(mode, mode.prefix() + "-big", 1_200);
            measure("  first load, 11 events", 1, mode.repository(), family(mode.prefix() + "-small"), LoadTarget.latest());
            measure("  first load, 1,201 events", 1, mode.repository(), family(mode.prefix() + "-big"), LoadTarget.latest());
            measure("  load, 11 events", LOADS, mode.repository(), family(mode.prefix() + "-small"), LoadTarget.latest());
            measure("  load, 1,201 events", LOADS, mode.repository(), family(mode.prefix() + "-big"), LoadTarget.latest());
        }
        System.out.printf("snapshot of the 1,201-event family: %d bytes of state%n",
                store.latestSnapshot(family("b-big"), Long.MAX_VALUE).orElseThrow().state().length());

        StreamId longFamily = family("long");
        Instant start = Instant.parse("2024-09-01T09:00:00Z");
        BulkEvents.write(dynamo, tables.name("EventsTable"), longFamily, 0,
                List.of(codec.encode(Family.INSTANCE, enrolment())), start);
        for (int i = 0; i < 100; i++) {
            BulkEvents.write(dynamo, tables.name("EventsTable"), longFamily, 1 + i * 100L,
                    payments(100).stream().map(event -> codec.encode(Family.INSTANCE, event)).toList(),
                    start.plus(Duration.ofMinutes(i + 1)));
        }
        onDemand.load(Family.INSTANCE, longFamily, new LoadTarget.AtVersion(5_001)); // a snapshot there, as the stream leaves
        System.out.println("10,001-event family, snapshot at 5,001");
        // The events of one import batch share their instant: the one of versions 5,002-5,101.
        measure("  ?version=5101", LOADS, replaying, longFamily, new LoadTarget.AtVersion(5_101));
        measure("  ?as_of=<instant of version 5101>", LOADS, replaying, longFamily,
                new LoadTarget.AsOf(start.plus(Duration.ofMinutes(51))));
    }

    private record Mode(String name, AggregateRepository repository, String prefix) {
    }

    /** An import through the API: the enrolment, then appends as large as one append may be. */
    private void importFamily(Mode mode, String id, int events) {
        EventService api = new EventService(new AggregateTypes(List.of(Family.INSTANCE)), store, mode.repository(),
                codec);
        append(api, id, ExpectedVersion.noStream(), List.of(enrolment()));
        int batch = EventStore.MAX_EVENTS_PER_APPEND;
        for (int done = 0; done < events; done += batch) {
            append(api, id, ExpectedVersion.exactly(1 + done), payments(Math.min(batch, events - done)));
        }
    }

    private void measure(String name, int times, AggregateRepository repository, StreamId stream, LoadTarget target) {
        long[] micros = new long[times];
        requests.reset();
        for (int i = 0; i < times; i++) {
            long begin = System.nanoTime();
            repository.load(Family.INSTANCE, stream, target).orElseThrow();
            micros[i] = (System.nanoTime() - begin) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("%-42s p50 %8.2f ms  p95 %8.2f ms  requests %5.2f  items %7.1f  KB read %8.1f%n", name,
                micros[times / 2] / 1000.0, micros[(int) (times * 0.95)] / 1000.0,
                requests.operations().size() / (double) times, requests.itemsRead() / (double) times,
                requests.bytesRead() / 1024.0 / times);
    }

    private void append(EventService api, String id, ExpectedVersion expected, List<FamilyEvent> events) {
        List<ProposedEvent> proposed = events.stream()
                .map(event -> codec.propose(Family.INSTANCE, event, Optional.empty())).toList();
        api.append(new AppendRequest(TENANT, Family.NAME, id, expected, proposed, "importer", Optional.empty(),
                Optional.empty()));
    }

    private static StreamId family(String id) {
        return new StreamId(TENANT, Family.NAME, id);
    }

    private static FamilyEvent enrolment() {
        return new FamilyEnrolled("Bench Family", LocalDate.of(2024, 9, 1), "Parent", 1);
    }

    private static List<FamilyEvent> payments(int count) {
        List<FamilyEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = LocalDate.of(2024, 10, 1).plusDays(i % 300);
            events.add(i % 2 == 0 ? new PaymentDue(new BigDecimal("450"), day)
                    : new PaymentReceived(new BigDecimal("450"), day, "card"));
        }
        return events;
    }
}
