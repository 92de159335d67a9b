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
    void a_batch_that_crosses_an_nth_version_snapshots_once_and_redelivery_only_rewrites_it() {
        enroll("chen", "Chen Family");
        for (int i = 1; i <= 3; i++) {
            append("chen", "EngagementScoreUpdated", Map.of("new_score", i * 10));
        }
        var first = newRecords();
        assertThat(deliver(first)).isEmpty();
        for (int i = 4; i <= 6; i++) {
            append("chen", "EngagementScoreUpdated", Map.of("new_score", i * 10));
        }
        var second = newRecords();
        requests.reset();
        assertThat(deliver(second)).isEmpty();
        assertThat(requests.operations()).filteredOn("PutItem"::equals).as("one snapshot for the batch").hasSize(1);
        assertThat(deliver(second)).isEmpty();
        assertThat(deliver(first)).isEmpty();

        // The first batch (versions 1-4) crossed 3 and stored the state after it; the second (5-7) crossed 6.
        assertThat(store.latestSnapshot(family("chen"), Long.MAX_VALUE)).get().extracting(Snapshot::version)
                .isEqualTo(7L);
        assertThat(store.latestSnapshot(family("chen"), 6)).get().extracting(Snapshot::version).isEqualTo(4L);
        assertThat(store.latestSnapshot(family("chen"), 3)).isEmpty();
        assertThat(store.latestSnapshot(family("chen"), 7).orElseThrow().state()).contains("\"engagement_score\":60");
    }

    @Test
    void the_default_applies_to_types_not_named_and_zero_turns_snapshots_off() {
        SnapshotPolicy policy = new SnapshotPolicy(Map.of("Family", 0), 2);
        assertThat(policy.snapshotAt("Family", 4)).isFalse();
        assertThat(policy.snapshotAt("Counter", 4)).isTrue();
        assertThat(policy.snapshotAt("Counter", 3)).isFalse();
    }
}
