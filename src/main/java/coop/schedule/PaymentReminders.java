package coop.schedule;

import coop.app.AggregateRepository;
import coop.app.DerivedIds;
import coop.app.LoadTarget;
import coop.domain.family.DuePayment;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.NoticeKind;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentStatus;
import coop.notify.NoticeCause;
import coop.notify.NoticeFacts;
import coop.notify.NoticeHeldElsewhere;
import coop.notify.NoticeNotSent;
import coop.notify.NoticeSender;
import coop.readmodel.FamilySummary;
import coop.store.ReadModelPage;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The scheduled job's reminders: a {@code payment_reminder} notice for each unpaid due that falls due within
 * {@code daysBefore} days, through the same claim, send and record as the stream's notices. The notice id is derived
 * from the due (tenant, family, amount, date and which of several equal dues it is), so however often the job runs
 * while the due is in the window, and however many copies run at once, the family is reminded of it once.
 *
 * <p>Candidates come from the summary listings {@code due} and {@code overdue} (an overdue family may owe a newer due
 * too); each one's state is loaded from the store, which is the truth.
 */
public final class PaymentReminders {

    private static final Logger LOG = Logger.getLogger(PaymentReminders.class);

    private final ReadModelStore rows;
    private final AggregateRepository aggregates;
    private final NoticeSender sender;
    private final UnaryOperator<String> coopName;
    private final int daysBefore;
    private final Clock clock;

    public PaymentReminders(ReadModelStore rows, AggregateRepository aggregates, NoticeSender sender,
                            UnaryOperator<String> coopName, int daysBefore, Clock clock) {
        if (daysBefore < 0) {
            throw new IllegalArgumentException("Reminders go out 0 or more days before a due date, not " + daysBefore);
        }
        this.rows = rows;
        this.aggregates = aggregates;
        this.sender = sender;
        this.coopName = coopName;
        this.daysBefore = daysBefore;
        this.clock = clock;
    }

    /**
     * Reminds every family of its dues falling due within the window.
     *
     * @throws IllegalStateException after every other family was handled, when some family failed: one family must
     *                               not hold back the others' reminders, and the failed run is retried
     */
    public ReminderRun remind() {
        LocalDate today = LocalDate.now(clock);
        ReminderRun run = ReminderRun.NONE;
        Map<StreamId, RuntimeException> failed = new LinkedHashMap<>();
        for (String tenant : rows.tenants()) {
            for (PaymentStatus status : List.of(PaymentStatus.DUE, PaymentStatus.OVERDUE)) {
                Optional<String> token = Optional.empty();
                do {
                    ReadModelPage page = rows.list(tenant, FamilySummary.MODEL, FamilySummary.listing(status),
                            OverduePayments.PAGE, token);
                    for (ReadModelRow row : page.rows()) {
                        StreamId family = new StreamId(tenant, Family.NAME, row.rowId());
                        try {
                            run = run.plus(remindFamily(family, today));
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "Could not remind %s of its dues", family);
                            failed.put(family, e);
                        }
                    }
                    token = page.nextPageToken();
                } while (token.isPresent());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Reminders could not be decided for " + failed.size() + " families: "
                    + failed.keySet(), failed.values().iterator().next());
        }
        return run;
    }

    private ReminderRun remindFamily(StreamId family, LocalDate today) {
        FamilyState state = aggregates.load(Family.INSTANCE, family, LoadTarget.latest()).orElseThrow().state();
        List<DuePayment> falling = state.duesFallingDueWithin(today, daysBefore);
        ReminderRun run = ReminderRun.NONE.withFamily();
        for (int position = 0; position < state.dues().size(); position++) {
            DuePayment due = state.dues().get(position);
            if (!falling.contains(due)) {
                continue;
            }
            NoticeCause cause = NoticeCause.reminder(family.tenantId(), family.aggregateId(),
                    reminderId(family, due, equalDuesBefore(state.dues(), position)));
            Map<String, String> values = NoticeFacts.values(coopName.apply(family.tenantId()),
                    new PaymentDue(due.outstanding(), due.dueDate()), today, state);
            try {
                sender.deliver(cause, NoticeKind.PAYMENT_REMINDER, state, values);
                run = run.plus(ReminderRun.DECIDED);
            } catch (NoticeHeldElsewhere | NoticeNotSent later) {
                // another copy of the job is sending it, or the provider refused it: the next run takes it up
                LOG.infof("Reminder of %s left for a later run: %s", family, later.getMessage());
                run = run.plus(ReminderRun.LEFT_FOR_LATER);
            }
        }
        return run;
    }

    /** How many dues of the same amount and date come before {@code position}: two children's equal tuition. */
    private static int equalDuesBefore(List<DuePayment> dues, int position) {
        DuePayment due = dues.get(position);
        return (int) dues.subList(0, position).stream()
                .filter(other -> other.matches(due.amount(), due.dueDate())).count();
    }

    /**
     * The id a reminder of the due is about: the same on every run while the due is unpaid. Partial payments leave
     * it (they change what is outstanding, not the due), and equal dues get one each by their order.
     */
    static String reminderId(StreamId family, DuePayment due, int equalDuesBefore) {
        return DerivedIds.of("PaymentReminder|" + family.tenantId() + "|" + family.aggregateId() + "|"
                + due.amount().stripTrailingZeros().toPlainString() + "|" + due.dueDate() + "|" + equalDuesBefore);
    }
}
