package coop.stream;

import coop.admin.Replay;
import coop.readmodel.HandlerType;
import coop.store.Checkpoint;
import coop.store.RecordedEvent;
import coop.store.dynamodb.EventTableScan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint's last event is the most recent event its subscriber handled: an older event handled later (a replay,
 * a redelivered batch, another shard's batch) does not move it back, but still counts as handled and as failed.
 */
class CheckpointProgressTest extends StreamTest {

    private Checkpoint checkpoint(String name) {
        return checkpoints.find(name, TENANT).orElseThrow();
    }

    @Test
    void replaying_an_old_event_leaves_the_last_event_where_it_was_and_moves_the_last_update() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        received("chen", 450, "2024-10-02");
        deliverAll();
        RecordedEvent newest = history("chen").getLast();
        assertThat(checkpoint(FamilySummaryProjection.NAME).lastEventId()).contains(newest.eventId());

        clock.advance(Duration.ofDays(3));
        Instant replayedAt = clock.instant();
        new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")), dispatcher, Duration.ofMinutes(1))
                .replay(family("chen"), 1, 1);

        Checkpoint after = checkpoint(FamilySummaryProjection.NAME);
        assertThat(after.lastEventId()).contains(newest.eventId());
        assertThat(after.lastEventTimestamp()).contains(newest.timestamp());
        assertThat(after.lastUpdated()).contains(replayedAt);
    }

    @Test
    void an_older_event_that_fails_after_a_newer_one_went_through_is_still_counted() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        List<RecordedEvent> history = history("chen");
        AtomicBoolean broken = new AtomicBoolean();
        Subscriber flaky = new Subscriber() {
            @Override
            public Subscription subscription() {
                return new Subscription("flaky", HandlerType.PROJECTION, Set.of(), true);
            }

            @Override
            public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
                return broken.get() ? events.stream().map(e -> new Failure(e, new IllegalStateException("bug")))
                        .toList() : List.of();
            }
        };
        StreamDispatcher dispatcher = new StreamDispatcher(List.of(flaky), checkpoints, clock, aggregates, store,
                StartingPoints.NONE);
        dispatcher.dispatch(List.of(history.getLast()));
        broken.set(true);

        dispatcher.dispatch(List.of(history.getFirst()));

        Checkpoint after = checkpoint("flaky");
        assertThat(after.lastEventId()).contains(history.getLast().eventId());
        assertThat(after.errorCount()).isEqualTo(1);
        assertThat(after.lastError()).hasValueSatisfying(error -> assertThat(error).contains("bug"));
    }
}
