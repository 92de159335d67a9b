package coop.config;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.Envelopes;
import coop.app.Erasures;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.domain.family.Family;
import coop.feed.EventBridgeFeedPublisher;
import coop.functions.StreamImages;
import coop.store.CheckpointStore;
import coop.store.EventStore;
import coop.store.ParkingStore;
import coop.store.ReadModelStore;
import coop.store.RebuildStore;
import coop.store.StreamCatalog;
import coop.store.dynamodb.DynamoDbCheckpoints;
import coop.store.dynamodb.DynamoDbParking;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.StateRows;
import coop.store.dynamodb.EventTableScan;
import coop.store.dynamodb.PersonalData;
import coop.stream.EventFeed;
import coop.stream.FamilyNotices;
import coop.stream.FamilyParking;
import coop.stream.FamilySummaryProjection;
import coop.stream.FeedPublisher;
import coop.stream.PortalTriggers;
import coop.schedule.OverduePayments;
import coop.observability.Metrics;
import coop.schedule.ChainAudit;
import coop.schedule.RetentionErasures;
import coop.readmodel.FamilySummary;
import coop.readmodel.ReadModelQueries;
import coop.stream.SnapshotPolicy;
import coop.stream.Snapshotter;
import coop.stream.StreamDispatcher;
import coop.stream.StreamHeadsProjection;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Wires the stream side (checkpoints, read models, subscribers, dispatcher, read-model services) into CDI. */
public class StreamBeans {

    @Produces
    @Singleton
    CheckpointStore checkpoints(DynamoDbClient dynamo, TableNames tables) {
        return new DynamoDbCheckpoints(dynamo, tables.checkpoints());
    }

    @Produces
    @Singleton
    ParkingStore parking(DynamoDbClient dynamo, TableNames tables) {
        return new DynamoDbParking(dynamo, tables.checkpoints());
    }

    @Produces
    @Singleton
    StreamImages streamImages(PersonalData personal) {
        return new StoredStreamImages(personal);
    }

    @Produces
    @Singleton
    ReadModelStore readModels(DynamoDbClient dynamo, TableNames tables, PersonalData personal) {
        return new DynamoDbReadModels(dynamo, tables.readModels(), personal,
                Map.of(FamilySummary.MODEL, new StateRows(Family.NAME, Family.INSTANCE.personalStateFields())));
    }

    @Produces
    @Singleton
    StreamCatalog streamCatalog(DynamoDbClient dynamo, TableNames tables, PersonalData personal) {
        return new EventTableScan(dynamo, tables.events(), personal);
    }

    @Produces
    @Singleton
    FamilySummaryProjection familySummary(AggregateRepository aggregates, ReadModelStore rows, EventCodec codec,
                                          StreamSettings stream) {
        return new FamilySummaryProjection(aggregates, rows, codec, Json.mapper(),
                stream.active(FamilySummaryProjection.NAME));
    }

    @Produces
    @Singleton
    EventBridgeClient eventBridge(FeedSettings feed) {
        var builder = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(feed.connectionTimeout()).socketTimeout(feed.socketTimeout()))
                .overrideConfiguration(config -> config.apiCallTimeout(feed.apiCallTimeout())
                        .apiCallAttemptTimeout(feed.apiCallAttemptTimeout()));
        feed.region().map(Region::of).ifPresent(builder::region);
        feed.endpointOverride().ifPresent(builder::endpointOverride);
        if (feed.accessKeyId().isPresent() && feed.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(feed.accessKeyId().get(), feed.secretAccessKey().get())));
        }
        return builder.build();
    }

    void closeEventBridge(@Disposes EventBridgeClient client) {
        client.close();
    }

    @Produces
    @Singleton
    FeedPublisher feedPublisher(EventBridgeClient eventBridge, FeedSettings feed) {
        return new EventBridgeFeedPublisher(eventBridge, feed.busName(), feed.source(), Json.mapper());
    }

    @Produces
    @Singleton
    StreamDispatcher dispatcher(FamilySummaryProjection familySummary, EventService events,
                                AggregateRepository aggregates, EventCodec codec, AggregateTypes types,
                                EventStore store, CheckpointStore checkpoints, FeedPublisher feed, Envelopes envelopes,
                                SnapshotSettings snapshots, StreamSettings stream, FamilyNotices notices,
                                Clock clock, ReadModelStore rows) {
        return new StreamDispatcher(List.of(
                familySummary,
                PortalTriggers.lockOnOverdue(stream.active(PortalTriggers.LOCK_ON_OVERDUE), events, store, codec,
                        checkpoints),
                PortalTriggers.restoreOnPayment(stream.active(PortalTriggers.RESTORE_ON_PAYMENT), events, store,
                        codec, checkpoints),
                notices,
                new Snapshotter(types, aggregates, new SnapshotPolicy(snapshots.every(), snapshots.defaultEvery()),
                        stream.active(Snapshotter.NAME)),
                new StreamHeadsProjection(rows, stream.active(StreamHeadsProjection.NAME)),
                new EventFeed(feed, envelopes, stream.active(EventFeed.NAME))),
                checkpoints, clock, aggregates, store, familySummary);
    }

    @Produces
    @Singleton
    FamilyParking familyParking(StreamDispatcher dispatcher, ParkingStore parking, StreamSettings stream,
                                Clock clock) {
        return new FamilyParking(dispatcher, parking, stream.parkAfterAttempts(), clock);
    }

    @Produces
    @Singleton
    ReadModelQueries readModelQueries(ReadModelStore rows, CheckpointStore checkpoints, StreamDispatcher dispatcher,
                                      RebuildStore rebuilds, ParkingStore parking) {
        return new ReadModelQueries(rows, checkpoints, dispatcher, Json.mapper(), rebuilds::progress, parking);
    }

    @Produces
    @Singleton
    RetentionErasures retentionErasures(ReadModelStore rows, EventStore store, AggregateRepository aggregates,
                                        Erasures erasures, RetentionSettings retention, Clock clock) {
        return new RetentionErasures(rows, store, aggregates, erasures, retention.eraseWithdrawnAfter(), clock);
    }

    @Produces
    @Singleton
    ChainAudit chainAudit(ReadModelStore rows, EventStore store, Metrics metrics, LedgerSettings ledger) {
        return new ChainAudit(rows, store, metrics, ledger.verifySamplePerTenant(), new SecureRandom());
    }

    @Produces
    @Singleton
    OverduePayments overduePayments(ReadModelStore rows, AggregateRepository aggregates, EventService events,
                                    EventCodec codec, Clock clock) {
        return new OverduePayments(rows, aggregates, events, codec, clock);
    }
}
