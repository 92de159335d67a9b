package coop.stream;

import coop.app.AggregateRepository;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PortalAccess;
import coop.domain.family.PortalAccessLocked;

import java.util.Optional;

/** {@code PaymentOverdue} on a family whose portal is active, and still overdue: {@code PortalAccessLocked}. */
public final class LockPortalOnOverdue extends FamilyTrigger {

    public static final String NAME = "lock-portal-on-overdue";
    static final String REASON = "A payment is overdue";

    public LockPortalOnOverdue(boolean active, EventService events, AggregateRepository aggregates, EventCodec codec,
                               InAggregateOrder order) {
        super(NAME, "PaymentOverdue", active, events, aggregates, codec, order);
    }

    @Override
    protected Optional<FamilyEvent> decide(FamilyState state) {
        return state.portalAccess() == PortalAccess.ACTIVE && state.hasOverduePayment()
                ? Optional.of(new PortalAccessLocked(REASON)) : Optional.empty();
    }
}
