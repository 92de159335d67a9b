package coop.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.admin.Backfills;
import coop.admin.LambdaSegmentLauncher;
import coop.admin.ProjectionAdmin;
import coop.admin.RebuildSettings;
import coop.admin.RebuildWorker;
import coop.admin.Replay;
import coop.admin.SegmentLauncher;
import coop.admin.SegmentTasks;
import coop.admin.Unpark;
import coop.domain.family.Family;
import coop.readmodel.FamilySummary;
import coop.store.CheckpointStore;
import coop.store.EventBackfill;
import coop.store.EventStore;
import coop.store.ParkingStore;
import coop.store.RebuildStore;
import coop.store.StreamCatalog;
import coop.store.dynamodb.DynamoDbEventBackfill;
import coop.store.dynamodb.DynamoDbRebuilds;
import coop.store.dynamodb.PersonalData;
import coop.store.dynamodb.StateRows;
import coop.store.dynamodb.StoreSettings;
import coop.stream.FamilySummaryProjection;
import coop.stream.StreamDispatcher;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Wires the platform's work on projections: replays of stored events, and rebuilds (their state, the operators' entry
 * and the segment worker), and the one-off event backfill, which runs on the rebuilds' machinery. In AWS segments run
 * in asynchronous invocations of {@code rebuildProjection}; dev and test runs launch them on a background executor
 * instead ({@code coop.local.LocalRebuilds}).
 */
public class AdminBeans {

    @Produces
    @Singleton
    Replay replay(EventStore store, StreamCatalog streams, StreamDispatcher dispatcher,
                  @ConfigProperty(name = "coop.replay.margin") Duration margin) {
        return new Replay(store, streams, dispatcher, margin);
    }

    @Produces
    @Singleton
    Unpark unpark(Replay replay, ParkingStore parking) {
        return new Unpark(replay, parking);
    }

    @Produces
    @Singleton
    RebuildStore rebuildStore(DynamoDbClient dynamo, TableNames tables) {
        return new DynamoDbRebuilds(dynamo, tables.checkpoints());
    }

    @Produces
    @Singleton
    RebuildSettings rebuildSettings(@ConfigProperty(name = "coop.rebuild.segments") int segments,
                                    @ConfigProperty(name = "coop.rebuild.page-size") int pageSize,
                                    @ConfigProperty(name = "coop.rebuild.pages-per-invocation") int pagesPerInvocation) {
        return new RebuildSettings(segments, pageSize, pagesPerInvocation);
    }

    @Produces
    @Singleton
    ProjectionAdmin projectionAdmin(StreamCatalog streams, RebuildStore rebuilds, CheckpointStore checkpoints,
                                    SegmentLauncher launcher, RebuildSettings settings, Clock clock) {
        return new ProjectionAdmin(streams, rebuilds, checkpoints, launcher, settings, clock);
    }

    @Produces
    @Singleton
    RebuildWorker rebuildWorker(StreamCatalog streams, RebuildStore rebuilds, CheckpointStore checkpoints,
                                FamilySummaryProjection familySummary, SegmentLauncher launcher,
                                RebuildSettings settings, Clock clock) {
        return new RebuildWorker(streams, rebuilds, checkpoints, familySummary::rebuild, launcher, settings, clock);
    }

    @Produces
    @Singleton
    EventBackfill eventBackfill(DynamoDbClient dynamo, TableNames tables, PersonalData personal) {
        return new DynamoDbEventBackfill(dynamo, new StoreSettings(tables.events(), tables.eventIds(),
                tables.snapshots()), tables.readModels(), personal, Map.of(FamilySummary.MODEL, new StateRows(Family.NAME, Family.INSTANCE.personalStateFields())));
    }

    @Produces
    @Singleton
    Backfills backfills(EventBackfill backfill, StreamCatalog streams, RebuildStore rebuilds,
                        SegmentLauncher launcher, RebuildSettings settings, Clock clock) {
        return new Backfills(backfill, streams, rebuilds, launcher, settings, clock);
    }

    @Produces
    @Singleton
    SegmentTasks segmentTasks(RebuildWorker rebuilds, Backfills backfills) {
        return new SegmentTasks(rebuilds, backfills);
    }

    @Produces
    @Singleton
    @IfBuildProfile("prod")
    LambdaClient lambda() {
        return LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @Singleton
    @IfBuildProfile("prod")
    SegmentLauncher lambdaSegments(LambdaClient lambda, ObjectMapper json,
                                   @ConfigProperty(name = "coop.rebuild.function") String function) {
        return new LambdaSegmentLauncher(lambda, function, json);
    }
}
