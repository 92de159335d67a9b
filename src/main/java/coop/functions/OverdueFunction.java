package coop.functions;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import coop.schedule.ChainAudit;
import coop.schedule.DailyDigests;
import coop.schedule.OverduePayments;
import coop.schedule.OverdueRun;
import coop.schedule.PaymentReminders;
import coop.schedule.RetentionErasures;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Run on a schedule (e.g. hourly by an EventBridge rule): declares overdue the dues whose date has passed, then
 * reminds families of the dues falling due within {@code coop.notifications.reminder-days-before} days (once per
 * due), then applies the retention rule (erases the personal data of families withdrawn longer than
 * {@code coop.retention.erase-withdrawn-after}), then verifies the hash chains of a sample of families (its metric
 * raises the chain alarm), then takes the day's digest of each tenant's ledger that has none yet. A run that fails is retried by the schedule as a whole; no job changes anything twice.
 */
public class OverdueFunction {

    private static final Logger LOG = Logger.getLogger(OverdueFunction.class);

    @Inject
    OverduePayments overduePayments;

    @Inject
    PaymentReminders reminders;

    @Inject
    RetentionErasures retention;

    @Inject
    ChainAudit chainAudit;

    @Inject
    DailyDigests dailyDigests;

    @Funq
    public OverdueRun markOverduePayments(ScheduledEvent event) {
        OverdueRun run = overduePayments.markOverdue();
        LOG.infof("Reminders: %s", reminders.remind());
        retention.eraseWithdrawnFamilies();
        chainAudit.verifySample();
        dailyDigests.takeWhereNoneToday();
        return run;
    }
}
