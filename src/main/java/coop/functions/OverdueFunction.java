package coop.functions;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import coop.schedule.OverduePayments;
import coop.schedule.OverdueRun;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Run on a schedule (e.g. daily by an EventBridge rule): declares overdue the dues whose date has passed. */
public class OverdueFunction {

    @Inject
    OverduePayments overduePayments;

    @Funq
    public OverdueRun markOverduePayments(ScheduledEvent event) {
        return overduePayments.markOverdue();
    }
}
