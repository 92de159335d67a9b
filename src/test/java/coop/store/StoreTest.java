package coop.store;

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
import java.util.UUID;

/** A fresh store on fresh tables of the test server for every test, with its requests counted. */
abstract class StoreTest {

    static final String TENANT = "coop-north";

    final RequestCounter requests = new RequestCounter();
    final MutableClock clock = new MutableClock(Instant.parse("2024-09-01T09:00:00Z"));
    DynamoDbClient dynamo;
    TestTables tables;
    EventStore store;

    @BeforeEach
    void freshStore() {
        dynamo = TestDynamo.client(requests);
        tables = TestTables.create(dynamo);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock);
        requests.reset();
    }

    @AfterEach
    void dropTables() {
        TestTables.cleanUp(tables, dynamo);
    }

    static StreamId family(String id) {
        return new StreamId(TENANT, "Family", id);
    }

    static NewEvent event(String type) {
        return NewEvent.of(type, 1, "{\"n\":1}");
    }

    static NewEvent event(String type, String id) {
        return event(type).withId(id);
    }

    static EventMetadata by(String user) {
        return EventMetadata.of(user, UUID.randomUUID().toString());
    }

    /** How many items a table of this test holds, e.g. {@code EventsTable} or {@code EventIdsTable}. */
    int itemsIn(String logicalId) {
        return dynamo.scan(request -> request.tableName(tables.name(logicalId))).count();
    }

    static List<Long> versions(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::aggregateVersion).toList();
    }
}
