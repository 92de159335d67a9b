package coop.stream;

import coop.domain.family.Family;
import coop.store.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotterTest extends StreamTest {

    @Override
    List<Subscriber> subscribers() {
        return List.of(new Snapshotter(types, aggregates, new SnapshotPolicy(Map.of(Family.NAME, 3), 100), true));
    }

    @Test
    void a_snapshot_is_taken_at_every_nth_version_and_redelivery_only_rewrites_it() {
        enroll("chen", "Chen Family");
        for (int i = 1; i <= 6; i++) {
            append("chen", "EngagementScoreUpdated", Map.of("new_score", i * 10));
        }
        var records = newRecords();
        assertThat(deliver(records)).isEmpty();
        assertThat(deliver(records)).isEmpty();

        assertThat(store.latestSnapshot(family("chen"), Long.MAX_VALUE)).get().extracting(Snapshot::version)
                .isEqualTo(6L);
        assertThat(store.latestSnapshot(family("chen"), 5)).get().extracting(Snapshot::version).isEqualTo(3L);
        assertThat(store.latestSnapshot(family("chen"), 2)).isEmpty();
        Snapshot atSix = store.latestSnapshot(family("chen"), 6).orElseThrow();
        assertThat(atSix.state()).contains("\"engagement_score\":50");
    }

    @Test
    void the_default_applies_to_types_not_named_and_zero_turns_snapshots_off() {
        SnapshotPolicy policy = new SnapshotPolicy(Map.of("Family", 0), 2);
        assertThat(policy.snapshotAt("Family", 4)).isFalse();
        assertThat(policy.snapshotAt("Counter", 4)).isTrue();
        assertThat(policy.snapshotAt("Counter", 3)).isFalse();
    }
}
