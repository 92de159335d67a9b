package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Map;

/** {@code coop.snapshots.every.<AggregateType>=N}: snapshot every N-th version; others use {@code default-every}. */
@ConfigMapping(prefix = "coop.snapshots")
public interface SnapshotSettings {

    Map<String, Integer> every();

    @WithName("default-every")
    @WithDefault("100")
    int defaultEvery();
}
