package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;

/**
 * {@code coop.snapshots.every.<AggregateType>=N}: snapshot every N-th version (and when a load replays more than N);
 * others use {@code default-every}.
 */
@ConfigMapping(prefix = "coop.snapshots")
public interface SnapshotSettings {

    Map<String, Integer> every();

    @WithName("default-every")
    @WithDefault("100")
    int defaultEvery();

    /** The longest a load waits for a snapshot it stores on demand, e.g. {@code 1s}. */
    @WithName("write-timeout")
    @WithDefault("1s")
    Duration writeTimeout();
}
