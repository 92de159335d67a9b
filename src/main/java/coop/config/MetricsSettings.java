package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code coop.metrics.*}: the CloudWatch namespace of the application's metrics and where their EMF lines go. */
@ConfigMapping(prefix = "coop.metrics")
public interface MetricsSettings {

    /** In AWS {@code COOP_METRICS_NAMESPACE}, set by the template per stack; the alarms watch the same one. */
    String namespace();

    /** {@code stdout} in Lambda (CloudWatch reads the log), {@code log} locally (category coop.metrics, DEBUG). */
    @WithDefault("stdout")
    Output output();

    enum Output { STDOUT, LOG }
}
