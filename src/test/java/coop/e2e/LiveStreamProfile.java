package coop.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The local run as {@code ./mvnw quarkus:dev} starts it: the stream poller live. Tables of their own, so the poller
 * does not start behind the backlog of every other Quarkus test's events.
 */
public class LiveStreamProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "coop.local.stream-poller.enabled", "true",
                "coop.local.stream-poller.interval-millis", "200",
                "coop.tables.events", "e2e-events",
                "coop.tables.event-ids", "e2e-event-ids",
                "coop.tables.snapshots", "e2e-snapshots",
                "coop.tables.read-models", "e2e-read-models",
                "coop.tables.checkpoints", "e2e-checkpoints");
    }
}
