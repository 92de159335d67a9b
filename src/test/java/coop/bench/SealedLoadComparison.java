package coop.bench;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.EventCodec;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.PortalAccessLocked;
import coop.domain.family.PortalAccessRestored;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.PersonalData;
import coop.testing.TestKms;
import coop.testing.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * For {@link StoreBenchmark}: loads of one family of 1,201 events that each carry a personal value (an enrolment,
 * then portal locks and restores with a reason), stored sealed under the family's key (as deployed, key cached) and
 * stored in clear (a store without personal data), read alternately so both meet the same server load. Prints each
 * median and their ratio: what opening the values costs a load beside reading and folding it.
 */
final class SealedLoadComparison {

    static final int EVENTS = 1_201;
    private static final int LOADS = Integer.getInteger("bench.sealed-loads", 7);

    private final DynamoDbClient dynamo;
    private final TestTables tables;
    private final EventCodec codec = new EventCodec(Json.mapper());

    SealedLoadComparison(DynamoDbClient dynamo, TestTables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    void run() {
        try (KmsClient kms = TestKms.client()) {
            PersonalData personal = new PersonalData(dynamo, tables.name("KeysTable"),
                    new KmsDataKeys(kms, TestKms.KEY_ALIAS), new KeyCache(Clock.systemUTC(), Duration.ofSeconds(60)),
                    new AggregateTypes(List.of(Family.INSTANCE)).personalFields(), Clock.systemUTC());
            EventStore sealedStore = new DynamoDbEventStore(dynamo, tables.storeSettings(), Clock.systemUTC(), personal);
            EventStore clearStore = new DynamoDbEventStore(dynamo, tables.storeSettings(), Clock.systemUTC());
            StreamId sealed = fill(sealedStore, new StreamId("bench", "Family", "sealed-history"));
            StreamId clear = fill(clearStore, new StreamId("bench", "Family", "clear-history"));
            AggregateRepository sealedLoads = new AggregateRepository(sealedStore, codec);
            AggregateRepository clearLoads = new AggregateRepository(clearStore, codec);
            long[] sealedMicros = new long[LOADS];
            long[] clearMicros = new long[LOADS];
            sealedLoads.load(Family.INSTANCE, sealed, LoadTarget.latest()); // the key's one GetItem and Decrypt
            for (int i = 0; i < LOADS; i++) {
                sealedMicros[i] = timeLoad(sealedLoads, sealed);
                clearMicros[i] = timeLoad(clearLoads, clear);
            }
            double sealedMs = median(sealedMicros);
            double clearMs = median(clearMicros);
            System.out.printf("%-40s p50 %7.2f ms%n", "load " + EVENTS + " personal events, sealed", sealedMs);
            System.out.printf("%-40s p50 %7.2f ms%n", "load " + EVENTS + " personal events, clear", clearMs);
            System.out.printf("%-40s %.2fx (goal: within 1.2x)%n", "sealed / clear", sealedMs / clearMs);
        }
    }

    private StreamId fill(EventStore store, StreamId stream) {
        EventMetadata meta = EventMetadata.of("bench", "bench");
        store.append(stream, ExpectedVersion.noStream(), List.of(codec.encode(Family.INSTANCE,
                new FamilyEnrolled("Bench Family", LocalDate.of(2024, 9, 1), "Pat Bench", 0))), meta);
        for (long v = 1; v < EVENTS; v += EventStore.MAX_EVENTS_PER_APPEND) {
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < EventStore.MAX_EVENTS_PER_APPEND && v + i < EVENTS; i++) {
                batch.add(codec.encode(Family.INSTANCE, (v + i) % 2 == 1
                        ? new PortalAccessLocked("Payment 30 days late, called Pat Bench twice")
                        : new PortalAccessRestored("Pat Bench paid in full at the office")));
            }
            store.append(stream, ExpectedVersion.exactly(v), batch, meta);
        }
        return stream;
    }

    private static long timeLoad(AggregateRepository repository, StreamId stream) {
        long start = System.nanoTime();
        repository.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow();
        return (System.nanoTime() - start) / 1_000;
    }

    private static double median(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1000.0;
    }
}
