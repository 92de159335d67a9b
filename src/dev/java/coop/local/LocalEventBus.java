package coop.local;

import coop.config.FeedSettings;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;

/** Creates the feed's EventBridge bus on the local endpoint at start-up, like {@link LocalTables} does for tables. */
@Startup
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalEventBus {

    LocalEventBus(EventBridgeClient eventBridge, FeedSettings feed) {
        try {
            eventBridge.createEventBus(request -> request.name(feed.busName()));
        } catch (ResourceAlreadyExistsException alreadyThere) {
            // Created by an earlier run on the same server.
        }
    }
}
