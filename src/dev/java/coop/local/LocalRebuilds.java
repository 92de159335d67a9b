package coop.local;

import coop.admin.SegmentLauncher;
import coop.admin.SegmentTasks;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/** Dev and test runs: rebuild and backfill segments run on a background executor, standing in for asynchronous invocations. */
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalRebuilds {

    @Produces
    @Singleton
    ExecutorSegmentLauncher localSegments(Provider<SegmentTasks> tasks) {
        return new ExecutorSegmentLauncher(task -> tasks.get().accept(task), 4);
    }

    void stop(@Disposes ExecutorSegmentLauncher launcher) {
        launcher.close();
    }
}
