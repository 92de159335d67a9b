package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.node.TextNode;
import coop.admin.DeadLetter;
import coop.admin.Replay;
import coop.admin.ReplayResult;
import coop.domain.family.PortalAccess;
import coop.functions.DeadLetterMessages;
import coop.readmodel.FamilySummary;
import coop.store.RecordedEvent;
import coop.store.dynamodb.EventTableScan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replaying failed records from the events table, after the stream itself has given up on them. */
class ReplayTest extends StreamTest {

    private final AtomicBoolean summaryBroken = new AtomicBoolean();

    /** The family summary with a bug that can be switched on, and "fixed and deployed" by switching it off. */
    @Override
    List<Subscriber> subscribers() {
        List<Subscriber> all = new ArrayList<>(super.subscribers());
        all.set(0, new Subscriber() {
            @Override
            public Subscription subscription() {
                return familySummary.subscription();
            }

            @Override
            public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
                if (summaryBroken.get()) {
                    throw new IllegalStateException("a bug in the summary");
                }
                return familySummary.handle(events, states);
            }
        });
        return all;
    }

    @Test
    void a_batch_that_failed_for_good_is_replayed_from_the_events_table_and_a_second_replay_changes_nothing() {
        clock.set(Instant.now());
        enroll("chen", "Chen Family");
        deliverAll();
        summaryBroken.set(true);
        due("chen", 450, "2024-10-01");
        append("chen", "PaymentOverdue", java.util.Map.of("amount", 450, "due_date", "2024-10-01"));
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        // The answer names the batch's first failed record: Lambda delivers the shard again from there.
        assertThat(deliver(batch)).containsExactly(batch.getFirst().getDynamodb().getSequenceNumber());
        deliverAll(); // the lock trigger's PortalAccessLocked, which the summary fails on too
        assertThat(summary("chen").aggregateVersion()).isEqualTo(1);
        summaryBroken.set(false);
        String parked = deadLetterBody(batch);

        Replay replay = new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")), dispatcher,
                Duration.ofMinutes(1));
        ReplayResult first = replay.replay(List.of(DeadLetterMessages.read(TextNode.valueOf(parked))));

        assertThat(first.failedEventIds()).isEmpty();
        assertThat(first.replayed()).isGreaterThanOrEqualTo(2);
        FamilySummary current = summary("chen");
        assertThat(current).isEqualTo(expectedSummary("chen"));
        assertThat(current.state().portalAccess()).isEqualTo(PortalAccess.LOCKED);
        long version = store.currentVersion(family("chen"));
        int published = this.published.size();

        ReplayResult second = replay.replay(List.of(DeadLetterMessages.read(TextNode.valueOf(parked))));

        assertThat(second.failedEventIds()).isEmpty();
        assertThat(summary("chen")).isEqualTo(current);
        assertThat(store.currentVersion(family("chen"))).as("no trigger fired twice").isEqualTo(version);
        assertThat(this.published.size() - published).as("the feed is at least once: consumers dedupe by event_id")
                .isEqualTo(second.replayed());
    }

    @Test
    void an_aggregate_version_range_is_replayed_and_a_message_without_batch_info_is_refused() {
        enroll("lee", "Lee Family");
        summaryBroken.set(true);
        due("lee", 100, "2024-10-01");
        received("lee", 100, "2024-10-02");
        deliverAll();
        summaryBroken.set(false);
        Replay replay = new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")), dispatcher,
                Duration.ofMinutes(1));

        ReplayResult result = replay.replay(family("lee"), 2, 3);

        assertThat(result.replayed()).isEqualTo(2);
        assertThat(summary("lee")).isEqualTo(expectedSummary("lee"));
        assertThat(summary("lee").aggregateVersion()).isEqualTo(3);
        assertThatThrownBy(() -> DeadLetterMessages.read(TextNode.valueOf("{\"requestContext\": {}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DDBStreamBatchInfo");
    }

    /** What Lambda puts on the on-failure queue for a stream batch: shard and sequence metadata, no event. */
    static String deadLetterBody(List<DynamodbEvent.DynamodbStreamRecord> batch) {
        var first = batch.getFirst().getDynamodb();
        var last = batch.getLast().getDynamodb();
        return """
                {"requestContext": {"requestId": "r-1", "condition": "RetryAttemptsExhausted", "approximateInvokeCount": 3},
                 "responseContext": {"statusCode": 200, "executedVersion": "7", "functionError": null},
                 "version": "1.0", "timestamp": "%s",
                 "DDBStreamBatchInfo": {"shardId": "shardId-0001", "startSequenceNumber": "%s", "endSequenceNumber": "%s",
                   "approximateArrivalOfFirstRecord": "%s", "approximateArrivalOfLastRecord": "%s",
                   "batchSize": %d, "streamArn": "arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/x"}}
                """.formatted(Instant.now(), first.getSequenceNumber(), last.getSequenceNumber(),
                first.getApproximateCreationDateTime().toInstant(), last.getApproximateCreationDateTime().toInstant(),
                batch.size());
    }
}
