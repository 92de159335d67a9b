package coop.bench;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.AppendRequest;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.app.ProposedEvent;
import coop.app.SnapshotWrites;
import coop.app.WarmStates;
import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentReceived;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.AppendResult;
import coop.store.StreamHead;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import coop.testing.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Prints how fast the store appends and loads (and the event service appends, cold and warm), and how many DynamoDB
 * requests each operation sends, against the
 * test server (the embedded moto unless {@code -Dcoop.test.dynamodb-endpoint} names another). Latencies against
 * moto measure moto more than the store; the request counts are what carries over to DynamoDB.
 *
 * <p>Last, loads of {@value SealedLoadComparison#EVENTS} events with personal values, sealed beside the same in clear
 * ({@link SealedLoadComparison}).
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=coop.bench.StoreBenchmark}
 */
public final class StoreBenchmark {

    private static final int APPENDS = Integer.getInteger("bench.appends", 200);
    private static final int STREAM_LENGTH = Integer.getInteger("bench.stream-length", 300);

    private final RequestCounter requests = new RequestCounter();
    private final DynamoDbClient dynamo = TestDynamo.client(requests);
    private final TestTables tables = TestTables.create(dynamo);
    private final EventStore store = new DynamoDbEventStore(dynamo, tables.storeSettings(), Clock.systemUTC());
    private final EventCodec codec = new EventCodec(Json.mapper());
    private final AggregateRepository repository = new AggregateRepository(store, codec);

    public static void main(String[] args) {
        StoreBenchmark benchmark = new StoreBenchmark();
        try {
            benchmark.run();
        } finally {
            benchmark.tables.drop(benchmark.dynamo);
        }
    }

    private void run() {
        System.out.printf("endpoint %s, %d appends, streams of %d events%n", TestDynamo.endpoint(), APPENDS, STREAM_LENGTH);
        StreamId stream = new StreamId("bench", "Family", "appends");
        AppendResult enrolled = store.append(stream, ExpectedVersion.noStream(), List.of(enrolled()),
                EventMetadata.of("bench", "bench"));
        StreamHead afterEnrolled = new StreamHead(1, enrolled.chainHash());
        NewEvent firstDue = due().withId("bench-first-due");
        // The head (version and chain hash) each append leaves, as the service keeps it from its load: no read.
        StreamHead[] head = {headAfter(store.append(stream, afterEnrolled, List.of(firstDue), meta()))};
        measure("append 1 event, exact version", APPENDS, () -> {
            head[0] = headAfter(store.append(stream, head[0], List.of(due()), meta()));
            return null;
        });
        measure("append 10 events, exact version", APPENDS / 10, () -> {
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(due());
            }
            head[0] = headAfter(store.append(stream, head[0], batch, meta()));
            return null;
        });
        measure("append 1 event with its id, exact", APPENDS, () -> {
            head[0] = headAfter(store.append(stream, head[0], List.of(due().withId(UUID.randomUUID().toString())),
                    meta()));
            return null;
        });
        measure("retry of a stored event (duplicate)", APPENDS / 4, () ->
                store.append(stream, afterEnrolled, List.of(firstDue), meta()));

        // Through the event service, as the API appends: cold (an instance that has not seen the family loads it
        // first) beside warm (one that loaded or appended to it writes at once).
        StreamId served = new StreamId("bench", "Family", "served");
        serviceWith(new WarmStates(0)).append(request(served, enrolledProposal()));
        measure("service append, cold", APPENDS, () ->
                serviceWith(new WarmStates(1)).append(request(served, dueProposal())));
        EventService warm = serviceWith(new WarmStates(2000));
        warm.append(request(served, dueProposal()));
        measure("service append, warm", APPENDS, () -> warm.append(request(served, dueProposal())));

        StreamId longStream = new StreamId("bench", "Family", "long");
        store.append(longStream, ExpectedVersion.noStream(), List.of(enrolled()), meta());
        for (long v = 1; v < STREAM_LENGTH; v += EventStore.MAX_EVENTS_PER_APPEND) {
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < EventStore.MAX_EVENTS_PER_APPEND && v + i < STREAM_LENGTH; i++) {
                batch.add(i % 2 == 0 ? due() : received());
            }
            store.append(longStream, ExpectedVersion.exactly(v), batch, meta());
        }
        measure("load " + STREAM_LENGTH + " events, no snapshot", 20, () ->
                repository.load(Family.INSTANCE, longStream, LoadTarget.latest()));
        // The goal: verifying the chain reads the stream once and stays within 2x of that load.
        measure("verify " + STREAM_LENGTH + " events (hash chain)", 20, () -> store.verifyChain(longStream));
        Loaded<FamilyState> latest = repository.load(Family.INSTANCE, longStream, LoadTarget.latest()).orElseThrow();
        repository.saveSnapshot(Family.INSTANCE, longStream, latest);
        measure("load " + STREAM_LENGTH + " events, snapshot at the head", 20, () ->
                repository.load(Family.INSTANCE, longStream, LoadTarget.latest()));

        new SealedLoadComparison(dynamo, tables).run();
    }

    private static StreamHead headAfter(AppendResult result) {
        return new StreamHead(result.lastVersion(), result.chainHash());
    }

    private void measure(String name, int times, Supplier<Object> operation) {
        long[] micros = new long[times];
        requests.reset();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            operation.get();
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("%-40s p50 %7.2f ms  p95 %7.2f ms  requests/op %.2f%n", name, micros[times / 2] / 1000.0,
                micros[(int) (times * 0.95)] / 1000.0, requests.operations().size() / (double) times);
    }

    /** An instance of the event service with snapshots on demand every 50 events, as deployed for Family. */
    private EventService serviceWith(WarmStates warm) {
        AggregateRepository aggregates = new AggregateRepository(store, codec, type -> 50, SnapshotWrites.NONE, warm);
        return new EventService(new AggregateTypes(List.of(Family.INSTANCE)), store, aggregates, codec);
    }

    private static AppendRequest request(StreamId stream, ProposedEvent event) {
        return new AppendRequest(stream.tenantId(), stream.aggregateType(), stream.aggregateId(), ExpectedVersion.any(),
                List.of(event), "bench", Optional.empty(), Optional.empty());
    }

    private ProposedEvent enrolledProposal() {
        return codec.propose(Family.INSTANCE, new FamilyEnrolled("Bench Family", LocalDate.of(2024, 9, 1), null, 0),
                Optional.empty());
    }

    private ProposedEvent dueProposal() {
        return codec.propose(Family.INSTANCE, new PaymentDue(new BigDecimal("450"), LocalDate.of(2024, 10, 1)),
                Optional.empty());
    }

    private NewEvent enrolled() {
        return codec.encode(Family.INSTANCE, new FamilyEnrolled("Bench Family", LocalDate.of(2024, 9, 1), null, 0));
    }

    private NewEvent due() {
        return codec.encode(Family.INSTANCE, new PaymentDue(new BigDecimal("450"), LocalDate.of(2024, 10, 1)));
    }

    private NewEvent received() {
        return codec.encode(Family.INSTANCE, new PaymentReceived(new BigDecimal("450"), LocalDate.of(2024, 10, 2), "card"));
    }

    private static EventMetadata meta() {
        return EventMetadata.of("bench", "bench");
    }
}
