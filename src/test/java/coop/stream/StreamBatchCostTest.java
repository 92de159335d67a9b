package coop.stream;

import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a batch costs in DynamoDB requests with every deployed subscriber on (summary, both triggers, snapshots, feed):
 * the work is per batch and per family, not per record.
 */
class StreamBatchCostTest extends StreamTest {

    @Override
    List<Subscriber> subscribers() {
        return deployedSubscribers();
    }

    /** Enrols the families, each with {@code dues} payments due, and lets the stream catch up (not counted). */
    private List<StreamId> families(int count, int dues) {
        StreamLoad load = new StreamLoad(store);
        List<StreamId> families = IntStream.range(0, count).mapToObj(i -> family("f" + i)).toList();
        families.forEach(stream -> load.enrol(stream, dues));
        deliverAll();
        return families;
    }

    /** Delivers one batch and then the follow-ups it caused; returns DynamoDB requests per record delivered. */
    private double costPerRecord(int expectedRecords) {
        var batch = newRecords();
        assertThat(batch).hasSize(expectedRecords);
        requests.reset();
        assertThat(deliver(batch)).isEmpty();
        int records = batch.size();
        for (var followUps = newRecords(); !followUps.isEmpty(); followUps = newRecords()) {
            records += followUps.size();
            assertThat(deliver(followUps)).isEmpty();
        }
        return requests.operations().size() / (double) records;
    }

    private List<RecordedEvent> ofType(StreamId stream, String type) {
        return store.readStream(stream, 0, Long.MAX_VALUE).stream().filter(e -> e.eventType().equals(type)).toList();
    }

    @Test
    void a_batch_of_100_records_over_10_families_costs_at_most_half_a_request_per_record() {
        List<StreamId> families = families(10, 0);
        StreamLoad load = new StreamLoad(store);
        families.forEach(stream -> load.append(stream, 1, 10, StreamLoad::score));

        double perRecord = costPerRecord(100);
        List<String> operations = requests.operations();

        assertThat(perRecord).as(operations.toString()).isLessThanOrEqualTo(0.5);
        // One row read for the batch and one row write per family; no event read back from the store.
        assertThat(operations).filteredOn("PutItem"::equals).hasSize(10);
        assertThat(operations).filteredOn("BatchGetItem"::equals).hasSize(1);
        assertThat(operations).doesNotContain("Query", "GetItem");
        for (StreamId stream : families) {
            assertThat(summary(stream.aggregateId())).isEqualTo(expectedSummary(stream.aggregateId()));
        }
    }

    @Test
    void a_batch_of_100_trigger_events_over_10_families_costs_at_most_two_requests_per_record() {
        List<StreamId> families = families(10, 10);
        StreamLoad load = new StreamLoad(store);
        families.forEach(stream -> load.append(stream, 11, 10, StreamLoad::overdue));

        double perRecord = costPerRecord(100);

        assertThat(perRecord).as(requests.operations().toString()).isLessThanOrEqualTo(2);
        assertThat(requests.operations()).doesNotContain("Query");
        for (StreamId stream : families) {
            assertThat(ofType(stream, "PortalAccessLocked")).as("one decision per family per batch").hasSize(1);
            assertThat(summary(stream.aggregateId())).isEqualTo(expectedSummary(stream.aggregateId()));
        }
    }

    @Test
    void a_batch_of_100_records_that_each_fire_a_trigger_costs_at_most_2_1_requests_per_record() {
        List<StreamId> families = families(100, 1);
        StreamLoad load = new StreamLoad(store);
        families.forEach(stream -> load.append(stream, 2, 1, StreamLoad::overdue));

        double perRecord = costPerRecord(100);
        List<String> operations = requests.operations();

        // Cursors only move forward: one conditional write per family that fired, where one BatchWriteItem of 25
        // cursors did before (1.57 requests per record then).
        assertThat(perRecord).as(operations.toString()).isLessThanOrEqualTo(2.1);
        // A follow-up is one write on the state the batch folded: no load, no lookup.
        assertThat(operations).filteredOn("TransactWriteItems"::equals).hasSize(100);
        assertThat(operations).doesNotContain("BatchWriteItem");
        assertThat(operations).doesNotContain("Query");
        assertThat(families).allSatisfy(stream -> assertThat(ofType(stream, "PortalAccessLocked")).hasSize(1));
    }
}
