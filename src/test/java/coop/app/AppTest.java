package coop.app;

import coop.domain.counter.Counter;
import coop.domain.family.Family;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.testing.MutableClock;
import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import coop.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application core (store, codec, repository, event service) on fresh tables of the test server. */
abstract class AppTest {

    static final String TENANT = "coop-north";

    final RequestCounter requests = new RequestCounter();
    final MutableClock clock = new MutableClock(Instant.parse("2024-09-01T09:00:00Z"));
    final EventCodec codec = new EventCodec(Json.mapper());
    DynamoDbClient dynamo;
    TestTables tables;
    EventStore store;
    AggregateRepository repository;
    EventService events;

    @BeforeEach
    void freshCore() {
        dynamo = TestDynamo.client(requests);
        tables = TestTables.create(dynamo);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock);
        // Warm, as deployed: appends after a load or an append of the same aggregate start from the state it left.
        repository = new AggregateRepository(store, codec, type -> 0, SnapshotWrites.NONE, new WarmStates(100));
        events = service(repository);
        requests.reset();
    }

    @AfterEach
    void dropTables() {
        TestTables.cleanUp(tables, dynamo);
    }

    /** An event service of its own, on the same store, as another function instance has. */
    EventService service(AggregateRepository aggregates) {
        return new EventService(new AggregateTypes(List.of(Family.INSTANCE, Counter.INSTANCE)), store, aggregates,
                codec);
    }

    /** A function instance that remembers nothing yet: its first append to a family loads it. */
    EventService coldService() {
        return service(new AggregateRepository(store, codec, type -> 0, SnapshotWrites.NONE, new WarmStates(100)));
    }

    /** Appends through the event service, as the API would, by user sarah. */
    coop.store.AppendResult append(String familyId, ExpectedVersion expected, ProposedEvent... proposed) {
        return events.append(new AppendRequest(TENANT, "Family", familyId, expected, List.of(proposed), "sarah",
                Optional.empty(), Optional.empty()));
    }

    static ProposedEvent proposed(String type, Map<String, Object> data) {
        return new ProposedEvent(Optional.empty(), type, Optional.empty(), data);
    }

    static ProposedEvent enrolled(String name) {
        return proposed("FamilyEnrolled", Map.of("family_name", name, "enrollment_date", "2024-09-01"));
    }
}
