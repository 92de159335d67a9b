package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The EventBridge feed. In AWS the bus name comes from {@code COOP_EVENT_BUS_NAME}, and region and credentials from
 * the Lambda environment; locally the endpoint is the embedded moto (see {@code coop.local.EmbeddedDynamoDbConfig}).
 */
@ConfigMapping(prefix = "coop.feed")
public interface FeedSettings {

    @WithName("bus-name")
    String busName();

    @WithDefault("coop.events")
    String source();

    Optional<String> region();

    @WithName("endpoint-override")
    Optional<URI> endpointOverride();

    /** Static credentials for local runs; AWS uses the function's role. */
    @WithName("access-key-id")
    Optional<String> accessKeyId();

    @WithName("secret-access-key")
    Optional<String> secretAccessKey();

    /** The whole call, retries included; then per attempt; then the HTTP client's connect and read limits. */
    @WithName("api-call-timeout")
    @WithDefault("10S")
    Duration apiCallTimeout();

    @WithName("api-call-attempt-timeout")
    @WithDefault("3S")
    Duration apiCallAttemptTimeout();

    @WithName("connection-timeout")
    @WithDefault("2S")
    Duration connectionTimeout();

    @WithName("socket-timeout")
    @WithDefault("5S")
    Duration socketTimeout();
}
