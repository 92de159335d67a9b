package coop.stream;

import coop.app.AggregateRepository;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PortalAccess;
import coop.domain.family.PortalAccessRestored;

import java.util.Optional;

/** {@code PaymentReceived} that leaves nothing overdue on a family whose portal is locked: {@code PortalAccessRestored}. */
public final class RestorePortalOnPayment extends FamilyTrigger {

    public static final String NAME = "restore-portal-on-payment";
    static final String REASON = "No payment is overdue any more";

    public RestorePortalOnPayment(boolean active, EventService events, AggregateRepository aggregates,
                                  EventCodec codec, InAggregateOrder order) {
        super(NAME, "PaymentReceived", active, events, aggregates, codec, order);
    }

    @Override
    protected Optional<FamilyEvent> decide(FamilyState state) {
        return state.portalAccess() == PortalAccess.LOCKED && !state.hasOverduePayment()
                ? Optional.of(new PortalAccessRestored(REASON)) : Optional.empty();
    }
}
