package coop.domain.family;

import java.util.List;
import java.util.Optional;

/**
 * The co-op's two rules about portal access, as decisions on a family's history: what the family should get after an
 * event of the kind the rule reacts to. The stream's triggers only carry them out (append the follow-up once).
 *
 * <p>A rule decides on each such event in the order recorded, on the state right after it, and never undoes what
 * happened since. The follow-up is superseded when a later event already changed the portal access (a person locked
 * or restored it by hand, or the follow-up landed already), when a later event of the same kind asks for it on its own
 * (that one is the cause), or when the latest state no longer calls for it (paid since, overdue again since). So
 * acting late, twice, or on a batch that also holds a coordinator's restore, changes nothing a person did.
 */
public enum PortalPolicy {

    /** A {@link PaymentOverdue} on a family whose portal is active, and that is still overdue: lock the portal. */
    LOCK_ON_OVERDUE(PaymentOverdue.class, "A payment is overdue") {
        @Override
        public Optional<FamilyEvent> callsFor(FamilyState state) {
            return state.portalAccess() == PortalAccess.ACTIVE && state.hasOverduePayment()
                    ? Optional.of(new PortalAccessLocked(reasonFor(state))) : Optional.empty();
        }
    },

    /** A {@link PaymentReceived} that leaves nothing overdue on a family whose portal is locked: restore it. */
    RESTORE_ON_PAYMENT(PaymentReceived.class, "No payment is overdue any more") {
        @Override
        public Optional<FamilyEvent> callsFor(FamilyState state) {
            return state.portalAccess() == PortalAccess.LOCKED && !state.hasOverduePayment()
                    ? Optional.of(new PortalAccessRestored(reasonFor(state))) : Optional.empty();
        }
    };

    private final Class<? extends FamilyEvent> reactsTo;
    private final String reason;

    PortalPolicy(Class<? extends FamilyEvent> reactsTo, String reason) {
        this.reactsTo = reactsTo;
        this.reason = reason;
    }

    /** What a family in {@code state} calls for under this rule, looking at nothing else; empty for nothing. */
    public abstract Optional<FamilyEvent> callsFor(FamilyState state);

    /**
     * The follow-up for an event this rule reacts to; empty for none.
     *
     * @param afterEvent the family's state right after that event
     * @param since      the family's events recorded after it, oldest first, follow-ups already appended included
     */
    public Optional<FamilyEvent> decide(FamilyState afterEvent, List<FamilyEvent> since) {
        if (callsFor(afterEvent).isEmpty()) {
            return Optional.empty();
        }
        FamilyState state = afterEvent;
        for (FamilyEvent later : since) {
            if (later instanceof PortalAccessLocked || later instanceof PortalAccessRestored) {
                return Optional.empty();
            }
            state = FamilyEvolution.evolve(state, later);
            if (reactsTo.isInstance(later) && callsFor(state).isPresent()) {
                return Optional.empty();
            }
        }
        return callsFor(state);
    }

    /** The event this rule reacts to. */
    public Class<? extends FamilyEvent> reactsTo() {
        return reactsTo;
    }

    /** The reason the follow-up carries. */
    public String reason() {
        return reason;
    }

    /**
     * The reason a follow-up for a family in {@code state} carries: none once the family's personal data was erased.
     * A reason is personal data (a person may write anything there), and an erased family takes no personal value
     * any more; its portal still follows its payments, so the follow-up goes without one.
     */
    String reasonFor(FamilyState state) {
        return state.personalDataErased() ? null : reason;
    }
}
