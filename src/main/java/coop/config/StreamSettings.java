package coop.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;
import java.util.Set;

/** {@code coop.stream.inactive=name,...}: subscribers that are registered but skip every event ({@code stopped}). */
@ConfigMapping(prefix = "coop.stream")
public interface StreamSettings {

    Optional<Set<String>> inactive();

    default boolean active(String name) {
        return inactive().map(names -> !names.contains(name)).orElse(true);
    }
}
