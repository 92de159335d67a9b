package coop.stream;

import coop.readmodel.FamilySummary;
import coop.functions.StreamBatches;
import coop.functions.StreamRecords;
import coop.local.StreamPoller;
import coop.store.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStreamPollingTest extends StreamTest {

    @Test
    void the_poller_picks_up_a_fresh_append_and_the_summary_appears() {
        StreamPoller poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1",
                records -> StreamBatches.firstFailure(StreamBatches.handle(records, dispatcher::dispatch)));
        poller.pollOnce();
        enroll("chen", "Chen Family");

        Optional<FamilySummary> summary = Optional.empty();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (summary.isEmpty() && Instant.now().isBefore(deadline)) {
            poller.pollOnce();
            summary = queries.familySummary(TENANT, "chen");
        }

        assertThat(summary).contains(expectedSummary("chen"));
        due("chen", 450, "2024-10-01");
        assertThat(poller.pollOnce()).as("only the new record, from a fresh iterator").isEqualTo(1);
        assertThat(summary("chen").aggregateVersion()).isEqualTo(2);
    }

    @Test
    void a_record_built_from_the_real_stream_reads_back_as_the_stored_event() {
        enroll("chen", "Chen Family");
        var record = newRecords().getFirst();

        assertThat(record.getEventName()).isEqualTo("INSERT");
        assertThat(record.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(record.getDynamodb().getKeys()).containsOnlyKeys("stream_id", "version");
        RecordedEvent stored = history("chen").getFirst();
        assertThat(StreamRecords.event(record)).contains(stored);
    }
}
