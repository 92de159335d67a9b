package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.util.Set;

/**
 * {@code coop.stream.inactive=name,...}: subscribers that are registered but skip every event ({@code stopped});
 * {@code coop.stream.park-after-attempts}: failed deliveries of one event that park its aggregate (0: never).
 */
@ConfigMapping(prefix = "coop.stream")
public interface StreamSettings {

    Optional<Set<String>> inactive();

    /** Three: a poison record holds its shard for about three deliveries (seconds), a throttle never counts. */
    @WithDefault("3")
    int parkAfterAttempts();

    default boolean active(String name) {
        return inactive().map(names -> !names.contains(name)).orElse(true);
    }
}
