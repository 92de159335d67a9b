package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.admin.DeadLetter;
import coop.admin.Replay;
import coop.admin.ReplayResult;
import coop.app.AppendRequest;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.functions.StreamBatches;
import coop.readmodel.HandlerType;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.store.dynamodb.EventTableScan;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event id names one event of its tenant: two co-ops may well both send {@code enrolled-1}. The stream path must
 * tell their events apart by tenant and id, never by id alone.
 */
class SharedEventIdsTest extends StreamTest {

    private static final String OTHER = "coop-south";

    private void enrollWithId(String tenant, String familyId, String eventId) {
        clock.advance(Duration.ofSeconds(1));
        events.append(new AppendRequest(tenant, Family.NAME, familyId, ExpectedVersion.exactly(0),
                List.of(new ProposedEvent(Optional.of(eventId), "FamilyEnrolled", Optional.empty(),
                        Map.of("family_name", familyId + " of " + tenant, "enrollment_date", "2024-09-01"))),
                "coordinator-1", Optional.empty(), Optional.empty()));
    }

    @Test
    void the_feed_and_a_replay_carry_both_tenants_events_that_share_an_id() {
        clock.set(Instant.now());
        enrollWithId(TENANT, "chen", "enrolled-1");
        enrollWithId(OTHER, "lee", "enrolled-1");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        assertThat(batch).hasSize(2);

        assertThat(deliver(batch)).isEmpty();

        assertThat(published).extracting(FeedEvent::tenantId).containsExactlyInAnyOrder(TENANT, OTHER);
        assertThat(queries.familySummary(OTHER, "lee")).isPresent();

        Replay replay = new Replay(store, new EventTableScan(dynamo, tables.name("EventsTable")), dispatcher,
                Duration.ofMinutes(1));
        Instant arrival = clock.instant();
        ReplayResult replayed = replay.replay(List.of(new DeadLetter("shardId-1", "1", "2", arrival, arrival)));

        assertThat(replayed.replayed()).as("both events of the window").isEqualTo(2);
        assertThat(published).extracting(FeedEvent::tenantId)
                .containsExactlyInAnyOrder(TENANT, OTHER, TENANT, OTHER);
    }

    @Test
    void a_failure_in_one_tenant_fails_only_that_tenants_event_not_the_other_with_the_same_id() {
        enrollWithId(OTHER, "lee", "enrolled-1");
        enrollWithId(TENANT, "chen", "enrolled-1");
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        Subscriber failsInOneTenant = new Subscriber() {
            @Override
            public Subscription subscription() {
                return new Subscription("fails-in-" + TENANT, HandlerType.PROJECTION, Set.of(), true);
            }

            @Override
            public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
                return events.stream().filter(event -> event.tenantId().equals(TENANT))
                        .map(event -> new Failure(event, new IllegalStateException("broken for " + TENANT)))
                        .toList();
            }
        };
        StreamDispatcher failing = new StreamDispatcher(List.of(failsInOneTenant), checkpoints, clock, aggregates,
                store, StartingPoints.NONE);

        var answer = StreamBatches.handle(batch, StreamRecords::event, events -> failing.dispatch(events).failed());

        assertThat(StreamBatches.firstFailure(answer)).as("the failed record, not the other tenant's before it")
                .contains(batch.get(1).getDynamodb().getSequenceNumber());
        List<RecordedEvent> both = List.of(store.readStream(new StreamId(OTHER, Family.NAME, "lee"), 0, 1)
                .getFirst(), history("chen").getFirst());
        assertThat(failing.dispatch(both).failed()).extracting(RecordedEvent::tenantId).containsExactly(TENANT);
    }
}
