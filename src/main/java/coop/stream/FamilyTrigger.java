package coop.stream;

import coop.app.DerivedIds;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.domain.family.Family;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PortalPolicy;
import coop.readmodel.HandlerType;
import coop.store.CheckpointStore;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a {@link PortalPolicy}: per batch and family, it decides on each event the policy reacts to, in the
 * order recorded, against the family's state right after that event and the events recorded after it, and appends
 * the follow-up through {@link EventService} (so the aggregate's rules apply), caused by that event, in its
 * correlation, recorded as {@code user_id = "trigger:<name>"}.
 *
 * <p>A cursor per family (read for the whole batch at once, moved forward only) is the last version the trigger
 * handled: a redelivered event at or below it costs nothing more. A family without a cursor starts where the trigger
 * meets it, never with a walk through the family's history. Exactly once: the follow-up's id is derived from the
 * trigger's name and the triggering event's id in a namespace callers cannot append to ({@link DerivedIds}), and the
 * policy counts a follow-up already stored, or anything a person did to the portal since, as superseding the event,
 * so neither a redelivery nor a replay racing the live stream fires twice or undoes what happened since.
 */
public final class FamilyTrigger implements Subscriber {

    private final Subscription subscription;
    private final PortalPolicy policy;
    private final FollowUps followUps;
    private final EventCodec codec;
    private final CheckpointStore checkpoints;

    public FamilyTrigger(String name, String eventType, PortalPolicy policy, boolean active, EventService events,
                         EventStore store, EventCodec codec, CheckpointStore checkpoints) {
        this.subscription = new Subscription(name, HandlerType.TRIGGER, Set.of(eventType), active);
        this.policy = policy;
        this.followUps = new FollowUps(name, policy, events, store, codec);
        this.codec = codec;
        this.checkpoints = checkpoints;
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> batch, BatchStates states) {
        Map<StreamId, List<RecordedEvent>> byFamily = PerAggregate.group(
                batch.stream().filter(event -> Family.NAME.equals(event.aggregateType())).toList());
        if (byFamily.isEmpty()) {
            return List.of();
        }
        Map<StreamId, Long> cursors = checkpoints.cursors(subscription.name(), byFamily.keySet());
        Map<StreamId, Long> moved = new HashMap<>();
        List<Failure> failures = PerAggregate.each(byFamily, (stream, triggering) -> {
            long cursor = cursors.getOrDefault(stream, 0L);
            List<RecordedEvent> pending = triggering.stream().filter(e -> e.aggregateVersion() > cursor).toList();
            if (pending.isEmpty()) {
                return;
            }
            Folded<FamilyState> folded = states.after(Family.INSTANCE, stream);
            List<RecordedEvent> decidable = pending.stream().filter(e -> folded.failedAt().isEmpty()
                    || e.aggregateVersion() < folded.failedAt().getAsLong()).toList();
            if (!decidable.isEmpty()) {
                decideEach(stream, decidable, states);
                moved.put(stream, decidable.getLast().aggregateVersion());
            }
            folded.requireFoldedUpTo(pending.getLast().aggregateVersion());
        });
        checkpoints.moveCursors(subscription.name(), moved);
        return failures;
    }

    /**
     * The id of the follow-up of {@code triggeringEventId}: the same on every delivery. Attempt 0 is the id; the
     * later ones are the fallbacks used when an id is taken by another event.
     */
    public static String followUpId(String triggerName, String triggeringEventId, int attempt) {
        return DerivedIds.of(triggerName + "|" + triggeringEventId + (attempt == 0 ? "" : "|" + attempt));
    }

    /** The id a follow-up of {@code triggeringEventId} is stored under when nothing else took it. */
    public static String followUpId(String triggerName, String triggeringEventId) {
        return followUpId(triggerName, triggeringEventId, 0);
    }

    private void decideEach(StreamId stream, List<RecordedEvent> triggering, BatchStates states) {
        List<Applied<FamilyState>> steps = states.stepsFrom(Family.INSTANCE, stream,
                triggering.getFirst().aggregateVersion());
        if (steps.isEmpty()) {
            throw new IllegalStateException("No state of " + stream + " at version "
                    + triggering.getFirst().aggregateVersion());
        }
        long first = steps.getFirst().version();
        List<FamilyEvent> recorded = steps.stream().map(step -> codec.decode(Family.INSTANCE, step.event())).toList();
        List<FamilyEvent> appended = new ArrayList<>();
        for (RecordedEvent trigger : triggering) {
            int at = (int) (trigger.aggregateVersion() - first);
            List<FamilyEvent> since = new ArrayList<>(recorded.subList(at + 1, recorded.size()));
            since.addAll(appended);
            followUps.decideAndAppend(trigger, steps.get(at).after().state(), since, steps.getLast().after(), states)
                    .ifPresent(appended::add);
        }
    }
}
