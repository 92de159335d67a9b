package coop.functions;

import coop.admin.Replay;
import coop.admin.ReplayResult;
import coop.admin.Unpark;
import coop.store.StreamId;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's replay command ({@code aws lambda invoke}, see the README): runs the stream's subscribers again on
 * the stored events of failed stream batches (the on-failure queue's messages), of given aggregate version ranges,
 * or of parked aggregates (which it un-parks once their events go through). Idempotent: replaying twice changes
 * nothing.
 */
public class ReplayEventsFunction {

    @Inject
    Replay replay;

    @Inject
    Unpark unpark;

    @Funq
    public Map<String, Object> replayEvents(ReplayRequest request) {
        List<ReplayResult> results = new ArrayList<>();
        if (request.deadLetters() != null && !request.deadLetters().isEmpty()) {
            results.add(replay.replay(request.deadLetters().stream().map(DeadLetterMessages::read).toList()));
        }
        if (request.streams() != null) {
            for (ReplayRequest.StreamRange range : request.streams()) {
                results.add(replay.replay(new StreamId(range.tenantId(), range.aggregateType(), range.aggregateId()),
                        range.fromVersion(), range.toVersion()));
            }
        }
        if (request.parked() != null) {
            for (ReplayRequest.ParkedStream parked : request.parked()) {
                results.add(unpark.unpark(new StreamId(parked.tenantId(), parked.aggregateType(),
                        parked.aggregateId())));
            }
        }
        if (request.allParked()) {
            results.add(unpark.unparkAll());
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("Nothing to replay: give dead_letters, streams, parked or all_parked");
        }
        return Map.of("replayed", results.stream().mapToInt(ReplayResult::replayed).sum(),
                "failed_event_ids", results.stream().flatMap(result -> result.failedEventIds().stream()).toList());
    }
}
