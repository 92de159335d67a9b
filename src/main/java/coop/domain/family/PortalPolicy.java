package coop.domain.family;

import java.util.Optional;

/**
 * The co-op's two rules about portal access, as decisions on a family's state: what the family should get after an
 * event of the kind the rule reacts to. The stream's triggers only carry them out (append the follow-up once).
 *
 * <p>Each rule decides on the state once, whatever happened before: a family that is overdue and active gets
 * locked, a locked family with nothing overdue gets its access back, and a state that already is where the rule
 * wants it asks for nothing, so acting late or twice never undoes what happened since.
 */
public enum PortalPolicy {

    /** A {@link PaymentOverdue} on a family whose portal is active, and that is still overdue: lock the portal. */
    LOCK_ON_OVERDUE(PaymentOverdue.class, "A payment is overdue") {
        @Override
        public Optional<FamilyEvent> decide(FamilyState state) {
            return state.portalAccess() == PortalAccess.ACTIVE && state.hasOverduePayment()
                    ? Optional.of(new PortalAccessLocked(reason())) : Optional.empty();
        }
    },

    /** A {@link PaymentReceived} that leaves nothing overdue on a family whose portal is locked: restore it. */
    RESTORE_ON_PAYMENT(PaymentReceived.class, "No payment is overdue any more") {
        @Override
        public Optional<FamilyEvent> decide(FamilyState state) {
            return state.portalAccess() == PortalAccess.LOCKED && !state.hasOverduePayment()
                    ? Optional.of(new PortalAccessRestored(reason())) : Optional.empty();
        }
    };

    private final Class<? extends FamilyEvent> reactsTo;
    private final String reason;

    PortalPolicy(Class<? extends FamilyEvent> reactsTo, String reason) {
        this.reactsTo = reactsTo;
        this.reason = reason;
    }

    /** The follow-up for a family now in {@code state}, after an event this rule reacts to; empty for none. */
    public abstract Optional<FamilyEvent> decide(FamilyState state);

    /** The event this rule reacts to. */
    public Class<? extends FamilyEvent> reactsTo() {
        return reactsTo;
    }

    /** The reason the follow-up carries. */
    public String reason() {
        return reason;
    }
}
