package coop.local;

import coop.config.TableNames;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.functions.StreamBatches;
import coop.functions.StreamFunction;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Local runs only: feeds the events table's stream to the same stream function Lambda calls, as fast as the stream
 * fills (polling again at once while there were records, pausing briefly only when it was empty), so read models
 * follow appends within a fraction of a second. Never built into a production artifact ({@code dev} and
 * {@code test} profiles only), and in tests only where {@code coop.local.stream-poller.enabled} is set.
 */
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalStreamPoller implements LocalReadiness {

    private static final Logger LOG = Logger.getLogger(LocalStreamPoller.class);

    private final boolean enabled;
    private final long intervalMillis;
    private final StreamPoller poller;
    private final DynamoDbStreamsClient streams;
    private volatile boolean polled;
    private ScheduledExecutorService executor;

    /** Takes {@link LocalTables} and {@link LocalEventBus} so that they exist before the first poll. */
    LocalStreamPoller(DynamoDbClient dynamo, TableNames tables, StreamFunction function, LocalTables localTables,
                      LocalEventBus localBus,
                      @ConfigProperty(name = "coop.local.stream-poller.enabled", defaultValue = "false") boolean enabled,
                      @ConfigProperty(name = "coop.local.stream-poller.interval-millis", defaultValue = "100")
                      long intervalMillis,
                      @ConfigProperty(name = "quarkus.dynamodb.endpoint-override") Optional<URI> endpoint,
                      @ConfigProperty(name = "quarkus.dynamodb.aws.region", defaultValue = "us-east-1") String region,
                      @ConfigProperty(name = "quarkus.dynamodb.aws.credentials.static-provider.access-key-id",
                              defaultValue = "test") String accessKey,
                      @ConfigProperty(name = "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key",
                              defaultValue = "test") String secretKey) {
        this.enabled = enabled;
        this.intervalMillis = intervalMillis;
        var builder = DynamoDbStreamsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        this.streams = builder.build();
        this.poller = new StreamPoller(streams, dynamo, tables.events(), region, records -> {
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(records);
            return StreamBatches.firstFailure(function.processStreamRecord(event));
        });
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-stream-poller");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.infof("Local stream poller started (%d ms pause when the stream is empty)", intervalMillis);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (executor != null) {
            // Let a poll finish its requests rather than cut one off half-sent; interrupt only one that hangs.
            executor.shutdown();
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        streams.close();
    }

    private void poll() {
        try {
            // Reads again at once while records keep coming; the fixed delay applies only once the stream is empty.
            poller.drain();
            polled = true;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Local stream poll failed; trying again");
        }
    }

    @Override
    public String name() {
        return "stream-poller";
    }

    /** Ready once it has polled once; a disabled poller has nothing to wait for. */
    @Override
    public boolean ready() {
        return !enabled || polled;
    }
}
