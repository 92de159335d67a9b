package coop.stream;

import coop.app.AppendRequest;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Loaded;
import coop.app.ProposedEvent;
import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PortalPolicy;
import coop.store.AppendResult;
import coop.store.ConcurrencyConflict;
import coop.store.EventIdConflict;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends what a trigger's {@link PortalPolicy} decided: on the state the batch left (one write, no reload); after the
 * family moved on meanwhile, decided again with the newer events and appended on them; and when the follow-up's id is
 * taken by an event that is not this follow-up (data stored before ids were reserved), under the next of a few
 * deterministic ids, so a redelivery still finds it and never fires twice.
 */
final class FollowUps {

    /** How many deterministic ids a follow-up tries before its record fails (to be replayed once looked at). */
    static final int ID_ATTEMPTS = 3;
    /** How often a follow-up is decided again after the family moved on while it was being appended. */
    static final int RACE_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(FollowUps.class);

    private final String triggerName;
    private final PortalPolicy policy;
    private final EventService events;
    private final EventStore store;
    private final EventCodec codec;

    FollowUps(String triggerName, PortalPolicy policy, EventService events, EventStore store, EventCodec codec) {
        this.triggerName = triggerName;
        this.policy = policy;
        this.events = events;
        this.store = store;
        this.codec = codec;
    }

    /**
     * Decides on {@code trigger} and appends its follow-up, if any.
     *
     * @param afterTrigger the family's state right after {@code trigger}
     * @param since        the family's events after it, up to {@code latest}
     * @return the follow-up, when it is stored (now or before); empty when the policy asks for nothing
     */
    Optional<FamilyEvent> decideAndAppend(RecordedEvent trigger, FamilyState afterTrigger, List<FamilyEvent> since,
                                          Loaded<FamilyState> latest, BatchStates states) {
        List<FamilyEvent> seen = new ArrayList<>(since);
        Loaded<FamilyState> on = latest;
        for (int attempt = 1; ; attempt++) {
            Optional<FamilyEvent> followUp = policy.decide(afterTrigger, seen);
            if (followUp.isEmpty()) {
                return Optional.empty();
            }
            try {
                appendUnderFreeId(trigger, followUp.get(), on);
                return followUp;
            } catch (ConcurrencyConflict movedOn) {
                if (attempt >= RACE_ATTEMPTS) {
                    throw movedOn;
                }
                List<Applied<FamilyState>> newer = states.stepsAfter(Family.INSTANCE, trigger.stream(), on);
                for (Applied<FamilyState> step : newer) {
                    seen.add(codec.decode(Family.INSTANCE, step.event()));
                    on = step.after();
                }
            } catch (RuleViolation refused) {
                LOG.infof("%s skipped for %s: %s", triggerName, trigger.stream(), refused.getMessage());
                return Optional.empty();
            }
        }
    }

    private void appendUnderFreeId(RecordedEvent trigger, FamilyEvent followUp, Loaded<FamilyState> on) {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String id = FamilyTrigger.followUpId(triggerName, trigger.eventId(), attempt);
            ProposedEvent proposed = codec.propose(Family.INSTANCE, followUp, Optional.of(id));
            AppendRequest request = new AppendRequest(trigger.tenantId(), Family.NAME, trigger.aggregateId(),
                    ExpectedVersion.any(), List.of(proposed), userId(), Optional.of(trigger.correlationId()),
                    Optional.of(trigger.eventId()));
            try {
                AppendResult result = events.appendOn(on, request);
                // A duplicate is judged by payload alone: only the envelope tells this follow-up from a look-alike.
                if (!result.duplicate() || isThisFollowUp(id, trigger, proposed)) {
                    return;
                }
            } catch (EventIdConflict taken) {
                if (!taken.eventId().equals(id)) {
                    throw taken;
                }
                if (isThisFollowUp(id, trigger, proposed)) {
                    return;
                }
            }
            LOG.warnf("%s: the follow-up id %s of event %s is taken by another event; trying the next id",
                    triggerName, id, trigger.eventId());
        }
        throw new IllegalStateException("All " + ID_ATTEMPTS + " follow-up ids of event " + trigger.eventId()
                + " for " + triggerName + " are taken by other events");
    }

    private boolean isThisFollowUp(String id, RecordedEvent trigger, ProposedEvent proposed) {
        return store.findEvent(trigger.tenantId(), id).filter(stored -> stored.stream().equals(trigger.stream())
                && stored.eventType().equals(proposed.eventType())
                && stored.causationId().equals(Optional.of(trigger.eventId()))
                && stored.userId().equals(userId())).isPresent();
    }

    private String userId() {
        return "trigger:" + triggerName;
    }
}
