package coop.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.store.StreamId;
import coop.testing.Emf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot that could not be stored is counted per aggregate type; one that was stored is not a metric. */
class SnapshotWriteMetricsTest {

    private final List<String> lines = new ArrayList<>();
    private final SnapshotWriteMetrics writes = new SnapshotWriteMetrics(new Metrics("Coop/test", lines::add));
    private final StreamId stream = new StreamId("maple-grove", "Family", "martinez");

    @Test
    void a_failed_snapshot_write_is_published_as_snapshot_write_failures_of_its_aggregate_type() throws Exception {
        writes.failed(stream, 1_250, 410_000, "over the 400 KB item limit");

        assertThat(lines).hasSize(1);
        Emf document = new Emf(new ObjectMapper().readTree(lines.getFirst()));
        assertThat(document.namespace()).isEqualTo("Coop/test");
        assertThat(document.metricNames()).contains("SnapshotWriteFailures");
        assertThat(document.value("SnapshotWriteFailures")).isEqualTo(1.0);
        assertThat(document.dimensionSets()).contains(List.of("AggregateType"));
        assertThat(document.dimension("AggregateType")).isEqualTo("Family");
    }

    @Test
    void a_written_snapshot_publishes_nothing() {
        writes.written(stream, 1_250, 2_048);

        assertThat(lines).isEmpty();
    }
}
