package coop.stream;

import coop.app.EventCodec;
import coop.app.EventService;
import coop.domain.family.PortalPolicy;
import coop.store.CheckpointStore;
import coop.store.EventStore;

/** The two portal triggers: the domain's {@link PortalPolicy} rules, each on the stored event type it reacts to. */
public final class PortalTriggers {

    public static final String LOCK_ON_OVERDUE = "lock-portal-on-overdue";
    public static final String RESTORE_ON_PAYMENT = "restore-portal-on-payment";

    private PortalTriggers() {
    }

    /** {@code PaymentOverdue} on a family whose portal is active, and still overdue: {@code PortalAccessLocked}. */
    public static FamilyTrigger lockOnOverdue(boolean active, EventService events, EventStore store,
                                              EventCodec codec, CheckpointStore checkpoints) {
        return new FamilyTrigger(LOCK_ON_OVERDUE, "PaymentOverdue", PortalPolicy.LOCK_ON_OVERDUE, active, events,
                store, codec, checkpoints);
    }

    /** {@code PaymentReceived} that leaves nothing overdue on a locked family: {@code PortalAccessRestored}. */
    public static FamilyTrigger restoreOnPayment(boolean active, EventService events, EventStore store,
                                                 EventCodec codec, CheckpointStore checkpoints) {
        return new FamilyTrigger(RESTORE_ON_PAYMENT, "PaymentReceived", PortalPolicy.RESTORE_ON_PAYMENT, active,
                events, store, codec, checkpoints);
    }
}
