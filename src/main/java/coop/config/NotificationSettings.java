package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Notices to families (docs/notifications.md). In AWS the sender identity comes from {@code COOP_NOTIFICATIONS_FROM}
 * (the template's parameter, the one identity the functions may send from); locally SES is the embedded moto's and
 * {@code coop.local.LocalSesIdentity} verifies the identity.
 */
@ConfigMapping(prefix = "coop.notifications")
public interface NotificationSettings {

    /** The verified SES identity notices come from. */
    @WithName("from")
    String fromAddress();

    /** How the co-op signs its notices; the tenant id when not set. */
    @WithName("coop-name")
    Optional<String> coopName();

    /** Events recorded longer ago send nothing: replays, rebuilds and re-reads of old history are not news. */
    @WithName("max-event-age")
    @WithDefault("P2D")
    Duration maxEventAge();

    /** The scheduled job reminds a family of a due this many days before its date (0: on the day). */
    @WithName("reminder-days-before")
    @WithDefault("3")
    int reminderDaysBefore();

    /** How long a claim keeps other deliveries off a notice; shorter than the stream function's timeout (60 s). */
    @WithDefault("20S")
    Duration lease();

    /** Sends tried before a notice is given up as failed (and counted in NoticeSendFailures). */
    @WithName("max-attempts")
    @WithDefault("3")
    int maxAttempts();

    Optional<String> region();

    @WithName("endpoint-override")
    Optional<URI> endpointOverride();

    /** Static credentials for local runs; AWS uses the function's role. */
    @WithName("access-key-id")
    Optional<String> accessKeyId();

    @WithName("secret-access-key")
    Optional<String> secretAccessKey();

    /** The whole SES call, retries included: a send starts only while this much of the lease is left. */
    @WithName("api-call-timeout")
    @WithDefault("5S")
    Duration apiCallTimeout();

    @WithName("api-call-attempt-timeout")
    @WithDefault("2S")
    Duration apiCallAttemptTimeout();
}
