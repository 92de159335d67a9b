package coop.observability;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Serialises one metrics document at start-up (see {@link Metrics#warmUp()}). */
@Singleton
public class MetricsWarmUp {

    void warm(@Observes StartupEvent started, Metrics metrics) {
        metrics.warmUp();
    }
}
