package coop.config;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.app.SnapshotWrites;
import coop.app.WarmStates;
import coop.domain.family.Family;
import coop.observability.Metrics;
import coop.observability.SnapshotWriteMetrics;
import coop.store.EventStore;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.PersonalData;
import coop.store.dynamodb.StoreSettings;
import coop.stream.SnapshotPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;

/** Wires the plain-Java core (store, codec, repository, services) into CDI, once per Lambda container. */
public class CoreBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AggregateTypes aggregateTypes() {
        return new AggregateTypes(List.of(Family.INSTANCE));
    }

    @Produces
    @Singleton
    EventStore eventStore(DynamoDbClient dynamo, TableNames tables, SnapshotSettings snapshots, Clock clock,
                          PersonalData personal) {
        return new DynamoDbEventStore(dynamo, new StoreSettings(tables.events(), tables.eventIds(),
                tables.snapshots(), snapshots.writeTimeout()), clock, personal);
    }

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec(Json.mapper());
    }

    /** Failed snapshot writes become the SnapshotWriteFailures metric, so an alarm or a dashboard sees them. */
    @Produces
    @Singleton
    SnapshotWrites snapshotWrites(Metrics metrics) {
        return new SnapshotWriteMetrics(metrics);
    }

    @Produces
    @Singleton
    AggregateRepository aggregateRepository(EventStore store, EventCodec codec, SnapshotSettings snapshots,
                                            SnapshotWrites writes, AppendSettings appends, KeySettings keys,
                                            Clock clock) {
        SnapshotPolicy policy = new SnapshotPolicy(snapshots.every(), snapshots.defaultEvery());
        // One per container, shared by every thread of it: the states appends start from without a load. A state
        // holds personal values in clear, so it is kept no longer than a key is (an erasure elsewhere).
        return new AggregateRepository(store, codec, policy::everyFor, writes,
                new WarmStates(appends.warmCacheSize(), clock, keys.cacheTtl()));
    }

    @Produces
    @Singleton
    EventService eventService(AggregateTypes types, EventStore store, AggregateRepository aggregates, EventCodec codec) {
        return new EventService(types, store, aggregates, codec);
    }
}
