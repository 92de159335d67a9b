package coop.stream;

import coop.app.AggregateRepository;
import coop.app.AppendRequest;
import coop.app.DerivedIds;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PortalPolicy;
import coop.store.CheckpointStore;
import coop.store.ConcurrencyConflict;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out a {@link PortalPolicy}: per batch and family, once, it decides on the family's state after the batch
 * and appends the follow-up through {@link EventService} (so the aggregate's rules apply), caused by the last event of
 * the batch the policy reacts to, in its correlation, recorded as {@code user_id = "trigger:<name>"}.
 *
 * <p>A cursor per family (read for the whole batch at once, written for the whole batch at once) is the last version
 * the trigger handled: a redelivered event at or below it costs nothing more. A family without a cursor starts where
 * the trigger meets it: the decision is on the current state, never a walk through the family's history.
 * Exactly once: the follow-up's id is derived from the trigger's name and the triggering event's id, and the decision
 * is on a state that includes every earlier follow-up, so a redelivered event neither fires twice nor undoes what
 * happened since.
 */
public final class FamilyTrigger implements Subscriber {

    private static final Logger LOG = Logger.getLogger(FamilyTrigger.class);

    private final Subscription subscription;
    private final PortalPolicy policy;
    private final EventService events;
    private final AggregateRepository aggregates;
    private final EventCodec codec;
    private final CheckpointStore checkpoints;

    public FamilyTrigger(String name, String eventType, PortalPolicy policy, boolean active, EventService events,
                         AggregateRepository aggregates, EventCodec codec, CheckpointStore checkpoints) {
        this.subscription = new Subscription(name, HandlerType.TRIGGER, Set.of(eventType), active);
        this.policy = policy;
        this.events = events;
        this.aggregates = aggregates;
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
                fire(decidable.getLast(), folded.state().orElseThrow(
                        () -> new IllegalStateException("no events in " + stream)));
                moved.put(stream, decidable.getLast().aggregateVersion());
            }
            folded.requireFoldedUpTo(pending.getLast().aggregateVersion());
        });
        checkpoints.moveCursors(subscription.name(), moved);
        return failures;
    }

    /** The id of the follow-up of {@code triggeringEventId}: the same on every delivery. */
    public static String followUpId(String triggerName, String triggeringEventId) {
        return DerivedIds.of(triggerName + "|" + triggeringEventId);
    }

    private void fire(RecordedEvent trigger, Loaded<FamilyState> state) {
        Optional<FamilyEvent> followUp = policy.decide(state.state());
        if (followUp.isEmpty()) {
            return;
        }
        AppendRequest request = new AppendRequest(trigger.tenantId(), Family.NAME, trigger.aggregateId(),
                ExpectedVersion.any(),
                List.of(codec.propose(Family.INSTANCE, followUp.get(),
                        Optional.of(followUpId(subscription.name(), trigger.eventId())))),
                "trigger:" + subscription.name(), Optional.of(trigger.correlationId()), Optional.of(trigger.eventId()));
        try {
            events.appendOn(state, request);
        } catch (ConcurrencyConflict movedOn) {
            // The family has events beyond the batch: decide again on its latest state, then append on it.
            Optional<Loaded<FamilyState>> latest = aggregates.load(Family.INSTANCE, trigger.stream(),
                    LoadTarget.latest());
            if (latest.isPresent() && policy.decide(latest.get().state()).isPresent()) {
                appendLate(request, trigger);
            }
        } catch (RuleViolation refused) {
            LOG.infof("%s skipped for %s: %s", subscription.name(), trigger.stream(), refused.getMessage());
        }
    }

    private void appendLate(AppendRequest request, RecordedEvent trigger) {
        try {
            events.append(request);
        } catch (RuleViolation refused) {
            // The family changed between our check and the append (e.g. a coordinator locked it by hand).
            LOG.infof("%s skipped for %s: %s", subscription.name(), trigger.stream(), refused.getMessage());
        }
    }
}
