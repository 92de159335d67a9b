package coop.stream;

import coop.readmodel.FamilySummary;
import coop.readmodel.ReadModelQueries;
import coop.app.Envelopes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.app.AggregateRepository;
import coop.app.SnapshotWrites;
import coop.app.WarmStates;
import coop.app.AggregateTypes;
import coop.app.AppendRequest;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.functions.StreamBatches;
import coop.local.StreamPoller;
import coop.store.AppendResult;
import coop.store.CheckpointStore;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbCheckpoints;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.StreamRecords;
import coop.testing.MutableClock;
import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import coop.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stream side built by hand on fresh tables of the test server: the real store, services and subscribers, fed
 * with the records moto's stream of this test's events table really carries (read with the local poller's code and
 * converted to what Lambda delivers). {@link #deliver} hands a batch to the stream function's body, as Lambda does.
 */
public abstract class StreamTest {

    static final String TENANT = "coop-north";

    final MutableClock clock = new MutableClock(Instant.parse("2024-09-01T09:00:00Z"));
    final List<FeedEvent> published = new CopyOnWriteArrayList<>();
    protected final RequestCounter requests = new RequestCounter();
    DynamoDbClient dynamo;
    DynamoDbStreamsClient streamsClient;
    TestTables tables;
    protected EventStore store;
    EventCodec codec;
    AggregateTypes types;
    AggregateRepository aggregates;
    EventService events;
    CheckpointStore checkpoints;
    ReadModelStore readModels;
    FamilySummaryProjection familySummary;
    StreamDispatcher dispatcher;
    ReadModelQueries queries;
    private StreamPoller poller;
    private final List<DynamodbEvent.DynamodbStreamRecord> polled = new ArrayList<>();

    @BeforeEach
    protected void freshStreamSide() {
        dynamo = TestDynamo.client(requests);
        streamsClient = TestDynamo.streamsClient();
        tables = TestTables.create(dynamo);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock);
        codec = new EventCodec(Json.mapper());
        types = new AggregateTypes(List.of(Family.INSTANCE));
        aggregates = new AggregateRepository(store, codec, type -> 0, SnapshotWrites.NONE, warmStates());
        events = new EventService(types, store, aggregates, codec);
        checkpoints = new DynamoDbCheckpoints(dynamo, tables.name("CheckpointsTable"));
        readModels = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"));
        familySummary = new FamilySummaryProjection(aggregates, readModels, codec, Json.mapper(), true);
        dispatcher = new StreamDispatcher(subscribers(), checkpoints, clock, aggregates, store, familySummary);
        queries = new ReadModelQueries(readModels, checkpoints, dispatcher, Json.mapper());
        poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1", records -> {
            polled.addAll(records);
            return Optional.empty();
        });
    }

    @AfterEach
    protected void dropTables() {
        TestTables.cleanUp(tables, dynamo, streamsClient);
    }

    List<Subscriber> subscribers() {
        return everySubscriberDeployed() ? deployedSubscribers() : portalAndFeed();
    }

    /** Whether the dispatcher runs every deployed subscriber (the stream benchmark) unless a test names its own. */
    protected boolean everySubscriberDeployed() {
        return false;
    }

    /** What the one instance these tests run remembers for its appends; nothing unless a test says otherwise. */
    WarmStates warmStates() {
        return WarmStates.NONE;
    }

    private List<Subscriber> portalAndFeed() {
        return List.of(familySummary,
                PortalTriggers.lockOnOverdue(true, events, store, codec, checkpoints),
                PortalTriggers.restoreOnPayment(true, events, store, codec, checkpoints),
                new EventFeed(feed -> {
                    published.addAll(feed);
                    return Map.of();
                }, new Envelopes(types, codec), true));
    }

    /** Every subscriber the deployment runs, as {@code StreamBeans} wires them (snapshots every 50 Family events). */
    List<Subscriber> deployedSubscribers() {
        List<Subscriber> all = new ArrayList<>(portalAndFeed());
        all.add(3, new Snapshotter(types, aggregates, new SnapshotPolicy(Map.of(Family.NAME, 50), 100), true));
        return all;
    }

    /** The records appended since the last call, as Lambda would deliver them. */
    protected List<DynamodbEvent.DynamodbStreamRecord> newRecords() {
        polled.clear();
        poller.pollOnce();
        return List.copyOf(polled);
    }

    /**
     * Calls the stream function's body with the records as one batch; returns the answer's batch item failures (the
     * sequence number of the first record not handled, or nothing).
     */
    protected List<String> deliver(List<DynamodbEvent.DynamodbStreamRecord> records) {
        return StreamBatches.handle(records, StreamRecords::event, events -> dispatcher.dispatch(events).failed()).getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** Polls and delivers until the stream is quiet (triggers append follow-ups that are records too). */
    protected void deliverAll() {
        for (int round = 0; round < 10; round++) {
            List<DynamodbEvent.DynamodbStreamRecord> records = newRecords();
            if (records.isEmpty()) {
                return;
            }
            deliver(records);
        }
    }

    /** Hands {@code events} to one projection alone, as one batch of the stream would. */
    void apply(FamilySummaryProjection projection, List<RecordedEvent> events) {
        new StreamDispatcher(List.of(projection), checkpoints, clock, aggregates, store, projection).dispatch(events);
    }

    protected static StreamId family(String id) {
        return new StreamId(TENANT, Family.NAME, id);
    }

    AppendResult append(String familyId, String eventType, Map<String, Object> data) {
        clock.advance(java.time.Duration.ofSeconds(1));
        return events.append(new AppendRequest(TENANT, Family.NAME, familyId, ExpectedVersion.any(),
                List.of(new ProposedEvent(Optional.empty(), eventType, Optional.empty(), data)), "coordinator-1",
                Optional.empty(), Optional.empty()));
    }

    AppendResult enroll(String familyId, String name) {
        return append(familyId, "FamilyEnrolled", Map.of("family_name", name, "enrollment_date", "2024-09-01"));
    }

    AppendResult due(String familyId, int amount, String date) {
        return append(familyId, "PaymentDue", Map.of("amount", amount, "due_date", date));
    }

    AppendResult received(String familyId, int amount, String date) {
        return append(familyId, "PaymentReceived", Map.of("amount", amount, "date", date,
                "payment_method", "credit_card"));
    }

    List<RecordedEvent> history(String familyId) {
        return store.readStream(family(familyId), 0, Long.MAX_VALUE);
    }

    /** The summary a correct projection must hold: the family folded from its whole history. */
    FamilySummary expectedSummary(String familyId) {
        Loaded<FamilyState> loaded = aggregates.load(Family.INSTANCE, family(familyId), LoadTarget.latest())
                .orElseThrow();
        return FamilySummary.of(loaded.state(), loaded.version(), loaded.lastEventAt());
    }

    FamilySummary summary(String familyId) {
        return queries.familySummary(TENANT, familyId).orElseThrow();
    }
}
