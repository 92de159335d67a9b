package coop.stream;

import coop.readmodel.FamilySummary;
import coop.functions.StreamBatches;
import coop.local.StreamPoller;
import coop.store.RecordedEvent;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStreamPollingTest extends StreamTest {

    @Test
    void the_poller_picks_up_a_fresh_append_and_the_summary_appears() {
        StreamPoller poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1",
                records -> StreamBatches.firstFailure(StreamBatches.handle(records, StreamRecords::event, events -> dispatcher.dispatch(events).failed())));
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
    void one_poll_hands_on_everything_there_in_batches_of_100() {
        new StreamLoad(store).append(family("chen"), 0, 250, i -> i == 0 ? StreamLoad.enrolled("chen")
                : StreamLoad.score(i));
        List<Integer> batchSizes = new ArrayList<>();
        StreamPoller poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1",
                records -> {
                    batchSizes.add(records.size());
                    return Optional.empty();
                });

        assertThat(poller.pollOnce()).isEqualTo(250);
        assertThat(batchSizes).containsExactly(100, 100, 50);

        new StreamLoad(store).append(family("chen"), 250, 20, StreamLoad::score);
        assertThat(poller.drain()).as("only the new records, from a fresh iterator").isEqualTo(20);
        assertThat(batchSizes).containsExactly(100, 100, 50, 20);
    }

    @Test
    void a_batch_that_names_a_failed_record_is_delivered_again_from_that_record() {
        new StreamLoad(store).append(family("chen"), 0, 30, i -> i == 0 ? StreamLoad.enrolled("chen")
                : StreamLoad.score(i));
        List<List<String>> batches = new ArrayList<>();
        boolean[] failing = {true};
        StreamPoller poller = new StreamPoller(streamsClient, dynamo, tables.name("EventsTable"), "us-east-1",
                records -> {
                    batches.add(records.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList());
                    return failing[0] ? Optional.of(batches.getLast().get(10)) : Optional.empty();
                });

        assertThat(poller.pollOnce()).as("the ten records before the failed one are done").isEqualTo(10);
        failing[0] = false;
        assertThat(poller.pollOnce()).isEqualTo(20);

        assertThat(batches.get(1)).hasSize(20).first().isEqualTo(batches.getFirst().get(10));
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
