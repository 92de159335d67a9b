package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code coop.appends.warm-cache-size}: how many aggregates an instance remembers for warm appends. */
@ConfigMapping(prefix = "coop.appends")
public interface AppendSettings {

    /**
     * The aggregates whose latest state one function instance keeps, least recently used first out; 0 makes every
     * append load. A typical Family is about 3 KB of heap, one at every limit about 80 KB.
     */
    @WithName("warm-cache-size")
    @WithDefault("2000")
    int warmCacheSize();
}
