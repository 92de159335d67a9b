package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The data keys of personal data. In AWS the KMS key comes from {@code COOP_KEYS_KMS_KEY_ID} (the template's key),
 * and region and credentials from the Lambda environment; locally the endpoint is the embedded moto (see
 * {@code coop.local.EmbeddedDynamoDbConfig}) and {@code coop.local.LocalKmsKey} creates the key.
 */
@ConfigMapping(prefix = "coop.keys")
public interface KeySettings {

    /** The KMS key that wraps every data key: its id, ARN or alias. */
    @WithName("kms-key-id")
    @WithDefault("alias/coop-data-keys")
    String kmsKeyId();

    /**
     * How long a plain data key stays in memory. Also how long a warm function other than the one that erased a
     * family may still read that family's personal data after the erasure.
     */
    @WithName("cache-ttl")
    @WithDefault("60s")
    Duration cacheTtl();

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
