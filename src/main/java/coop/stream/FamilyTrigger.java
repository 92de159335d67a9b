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
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A trigger on one Family event type: when the rule holds on the family's state after the triggering event, it
 * appends a follow-up event through {@link EventService} (so the aggregate's rules apply), caused by the triggering
 * event, in its correlation, recorded as {@code user_id = "trigger:<name>"}.
 *
 * <p>Exactly once: the follow-up's id is derived from the trigger's name and the triggering event's id, so a
 * redelivered event finds its follow-up already stored. In order: {@link InAggregateOrder} handles each family's
 * events in version order and never past one that failed. The rule must also hold on the latest state, so a trigger
 * that runs late never undoes what happened since (an overdue already paid is not locked any more).
 */
public abstract class FamilyTrigger implements Subscriber {

    private static final Logger LOG = Logger.getLogger(FamilyTrigger.class);

    private final Subscription subscription;
    private final EventService events;
    private final AggregateRepository aggregates;
    private final EventCodec codec;
    private final InAggregateOrder order;

    protected FamilyTrigger(String name, String eventType, boolean active, EventService events,
                            AggregateRepository aggregates, EventCodec codec, InAggregateOrder order) {
        this.subscription = new Subscription(name, HandlerType.TRIGGER, Set.of(eventType), active);
        this.events = events;
        this.aggregates = aggregates;
        this.codec = codec;
        this.order = order;
    }

    /** The follow-up event for a family in {@code state}, or empty when the rule does not apply. */
    protected abstract Optional<FamilyEvent> decide(FamilyState state);

    @Override
    public final Subscription subscription() {
        return subscription;
    }

    @Override
    public final void handle(RecordedEvent event) {
        if (!Family.NAME.equals(event.aggregateType())) {
            return;
        }
        order.handle(event, e -> subscription.eventTypes().contains(e.eventType()), this::fire);
    }

    /** The id of the follow-up of {@code triggeringEventId}: the same on every delivery. */
    public static String followUpId(String triggerName, String triggeringEventId) {
        return DerivedIds.of(triggerName + "|" + triggeringEventId);
    }

    private void fire(RecordedEvent trigger) {
        FamilyState after = stateAt(trigger, new LoadTarget.AtVersion(trigger.aggregateVersion()));
        Optional<FamilyEvent> followUp = decide(after);
        if (followUp.isEmpty() || decide(stateAt(trigger, LoadTarget.latest())).isEmpty()) {
            return;
        }
        AppendRequest request = new AppendRequest(trigger.tenantId(), Family.NAME, trigger.aggregateId(),
                ExpectedVersion.any(),
                List.of(codec.propose(Family.INSTANCE, followUp.get(),
                        Optional.of(followUpId(subscription.name(), trigger.eventId())))),
                "trigger:" + subscription.name(), Optional.of(trigger.correlationId()), Optional.of(trigger.eventId()));
        try {
            events.append(request);
        } catch (RuleViolation movedOn) {
            // The family changed between our check and the append (e.g. a coordinator locked it by hand).
            LOG.infof("%s skipped for %s: %s", subscription.name(), trigger.stream(), movedOn.getMessage());
        }
    }

    private FamilyState stateAt(RecordedEvent trigger, LoadTarget target) {
        return aggregates.load(Family.INSTANCE, trigger.stream(), target).map(Loaded::state)
                .orElseThrow(() -> new IllegalStateException("no events in " + trigger.stream()));
    }
}
