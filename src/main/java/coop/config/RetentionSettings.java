package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** The retention rule: how long after its withdrawal date a family's personal data is kept. */
@ConfigMapping(prefix = "coop.retention")
public interface RetentionSettings {

    /** E.g. {@code P365D}; the scheduled job erases families withdrawn longer than this. */
    @WithName("erase-withdrawn-after")
    @WithDefault("P365D")
    Duration eraseWithdrawnAfter();
}
