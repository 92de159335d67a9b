package coop.infra;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.admin.SegmentTask;
import coop.functions.OverdueFunction;
import coop.functions.RebuildProjectionFunction;
import coop.functions.ReplayEventsFunction;
import coop.functions.StreamFunction;
import coop.local.StreamPoller;
import coop.stream.PortalTriggers;
import coop.testing.QueuedSegments;
import coop.testing.TestDynamo;
import coop.testing.Tokens;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static coop.infra.ApiWorkout.created;
import static coop.testing.TableAccessRecorder.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every deployed function through its real code paths, each call as one invocation of the function the template
 * deploys for it: HTTP routes as {@link ApiWorkout} sends them, stream batches from the events table's stream as the
 * event source mapping hands them over, rebuild segments as their own invocations. Includes the paths that read
 * more than the happy path: stale and duplicate appends, triggers that move cursors, a batch delivered again after
 * its trigger appended but before its cursor moved, a family the stream parks and the replay that un-parks it, a
 * rebuild and the event backfill; an erasure through its route and one by the overdue run's retention rule, and
 * reads of sealed summary rows (one of an erased family).
 */
@Singleton
class FunctionWorkout {

    @Inject
    ApiWorkout http;
    @Inject
    StreamFunction stream;
    @Inject
    OverdueFunction overdue;
    @Inject
    RebuildProjectionFunction rebuild;
    @Inject
    ReplayEventsFunction replay;
    /** Selected only by {@link GrantsInUseTest}'s profile; other Quarkus tests boot with this bean too. */
    @Inject
    Instance<QueuedSegments> segments;
    @Inject
    StoredStateRepairs repairs;

    private final List<List<DynamodbEvent.DynamodbStreamRecord>> batches = new ArrayList<>();
    private StreamPoller poller;

    void run(String eventsTable) {
        poller = new StreamPoller(TestDynamo.streamsClient(), TestDynamo.client(), eventsTable, "us-east-1",
                records -> {
                    batches.add(List.copyOf(records));
                    return deliver(records);
                });
        String tenant = Tokens.newTenant();
        Map<String, String> sarah = Tokens.coordinator(tenant);
        http.appends(tenant, sarah);
        http.reads(sarah);
        http.revert(tenant);
        http.erasures(tenant, sarah);
        poller.drain();
        as("markOverduePayments", () -> overdue.markOverduePayments(new ScheduledEvent()));
        // kim's PaymentOverdue (version 5) replayed before the stream sees it: the replay's trigger appends.
        as("replayEvents", () -> replay.replayEvents(ReplayRequests.range(tenant, "kim", 1, 5)));
        int overdueBatch = batches.size();
        poller.drain();
        deliveredAgainAfterTheTriggerAppended(tenant, batches.get(overdueBatch));
        created(http.append("lee", sarah, http.version("lee", sarah), "PaymentReceived",
                "{\"amount\": 450, \"date\": \"2024-10-20\", \"payment_method\": \"check\"}"));
        poller.drain();
        parkAndUnpark(tenant, sarah);
        http.readModels(tenant, sarah);
        rebuilds();
    }

    /**
     * Lambda may deliver a batch again (a timeout, a crash) after a trigger appended its follow-up but before its
     * cursor moved; an operator's replay of the range does the same on purpose. Both find the follow-up stored.
     */
    private void deliveredAgainAfterTheTriggerAppended(String tenant,
                                                       List<DynamodbEvent.DynamodbStreamRecord> overdueBatch) {
        repairs.forgetCursor(PortalTriggers.LOCK_ON_OVERDUE, tenant, "lee");
        assertThat(deliver(overdueBatch)).as("the batch delivered again").isEmpty();
        repairs.forgetCursor(PortalTriggers.LOCK_ON_OVERDUE, tenant, "lee");
        // Up to lee's PaymentOverdue (version 4), not its follow-up.
        as("replayEvents", () -> replay.replayEvents(ReplayRequests.range(tenant, "lee", 1, 4)));
    }

    private void parkAndUnpark(String tenant, Map<String, String> sarah) {
        created(http.append("poison", sarah, 0, "FamilyEnrolled",
                "{\"family_name\": \"Poe\", \"enrollment_date\": \"2024-09-01\", \"parent_name\": \"Jo\"}"));
        repairs.plantPoison(tenant, "poison");
        // coop.stream.park-after-attempts=3: the third delivery parks the family.
        for (int delivery = 1; delivery <= 3; delivery++) {
            poller.pollOnce();
        }
        assertThat(http.parkedFamilies(sarah)).as("the family the stream parked").contains("poison");
        repairs.mendPoison(tenant, "poison");
        as("replayEvents", () -> replay.replayEvents(ReplayRequests.parked(tenant, "poison")));
        assertThat(http.parkedFamilies(sarah)).as("un-parked by the replay").doesNotContain("poison");
        as("replayEvents", () -> replay.replayEvents(ReplayRequests.deadLetter()));
        as("replayEvents", () -> replay.replayEvents(ReplayRequests.allParked()));
    }

    private void rebuilds() {
        http.startRebuild();
        runQueuedSegments();
        as("rebuildProjection", () -> {
            rebuild.rebuildProjection(new SegmentTask(null, "event-backfill", 0, 0));
            return null;
        });
        runQueuedSegments();
    }

    private void runQueuedSegments() {
        QueuedSegments queued = segments.get();
        for (Optional<SegmentTask> task = queued.next(); task.isPresent(); task = queued.next()) {
            SegmentTask segment = task.get();
            as("rebuildProjection", () -> {
                rebuild.rebuildProjection(segment);
                return null;
            });
        }
    }

    private Optional<String> deliver(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        StreamsEventResponse answer = as("processStreamRecord", () -> stream.processStreamRecord(event));
        return answer.getBatchItemFailures().stream().findFirst()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier);
    }
}
