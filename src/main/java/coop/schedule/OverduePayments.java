package coop.schedule;

import coop.readmodel.FamilySummary;
import coop.app.AggregateRepository;
import coop.app.AppendRequest;
import coop.app.DerivedIds;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.RuleViolation;
import coop.domain.family.DuePayment;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentOverdue;
import coop.domain.family.PaymentStatus;
import coop.store.AppendResult;
import coop.store.ExpectedVersion;
import coop.store.ReadModelPage;
import coop.store.ReadModelStore;
import coop.store.ReadModelRow;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled job that declares unpaid dues overdue once their due date has passed.
 *
 * <p>Candidates come from the family summary listings ({@code due} and {@code overdue}: an overdue family may owe a
 * newer due too), per tenant from the tenant registry, never from a scan; each candidate's state is then loaded from
 * the store, which is the truth. A due is declared overdue once however often the job runs, and however many copies
 * run at once: the aggregate's rule admits a {@code PaymentOverdue} only for a due not yet overdue, checked on the
 * very version it is appended at. Its id is derived from the due's place in the state the job decided on (version
 * and position among the dues), so copies that decided on the same state write the same event, and two dues of the
 * same amount and date (one per child) get an id each. A family whose summary lags behind is picked up by a later
 * run.
 */
public final class OverduePayments {

    public static final String NAME = "mark-overdue-payments";
    static final int PAGE = 100;

    private static final Logger LOG = Logger.getLogger(OverduePayments.class);

    private final ReadModelStore rows;
    private final AggregateRepository aggregates;
    private final EventService events;
    private final EventCodec codec;
    private final Clock clock;

    public OverduePayments(ReadModelStore rows, AggregateRepository aggregates, EventService events, EventCodec codec,
                           Clock clock) {
        this.rows = rows;
        this.aggregates = aggregates;
        this.events = events;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Declares overdue every due whose date is before today (UTC, from the clock) and that is still unpaid.
     *
     * @throws IllegalStateException after every other family was handled, when some family failed (e.g. its history
     *                               no longer folds): one family must not hold back the others' notices, and the
     *                               failed run is what the job's errors alarm sees and the schedule retries
     */
    public OverdueRun markOverdue() {
        LocalDate today = LocalDate.now(clock);
        int checked = 0;
        int marked = 0;
        Map<StreamId, RuntimeException> failed = new LinkedHashMap<>();
        for (String tenant : rows.tenants()) {
            for (PaymentStatus status : List.of(PaymentStatus.DUE, PaymentStatus.OVERDUE)) {
                Optional<String> token = Optional.empty();
                do {
                    ReadModelPage page = rows.list(tenant, FamilySummary.MODEL,
                            FamilySummary.listing(status), PAGE, token);
                    for (ReadModelRow row : page.rows()) {
                        checked++;
                        StreamId family = new StreamId(tenant, Family.NAME, row.rowId());
                        try {
                            marked += markFamily(family, today);
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "Could not mark the overdue payments of %s", family);
                            failed.put(family, e);
                        }
                    }
                    token = page.nextPageToken();
                } while (token.isPresent());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Overdue payments could not be marked for " + failed.size()
                    + " of " + checked + " families (" + marked + " marked): " + failed.keySet(),
                    failed.values().iterator().next());
        }
        return new OverdueRun(checked, marked);
    }

    private int markFamily(StreamId family, LocalDate today) {
        Loaded<FamilyState> loaded = aggregates.load(Family.INSTANCE, family, LoadTarget.latest()).orElseThrow();
        List<DuePayment> dues = loaded.state().dues();
        List<DuePayment> toMark = loaded.state().duesToMarkOverdue(today);
        int marked = 0;
        for (int position = 0; position < dues.size(); position++) {
            DuePayment due = dues.get(position);
            if (!toMark.contains(due)) {
                continue; // equal dues are equal records: the position, not the record, tells them apart
            }
            String eventId = overdueId(family, due, loaded.version(), position);
            AppendRequest request = new AppendRequest(family.tenantId(), Family.NAME, family.aggregateId(),
                    ExpectedVersion.any(),
                    List.of(codec.propose(Family.INSTANCE, new PaymentOverdue(due.amount(), due.dueDate()),
                            Optional.of(eventId))),
                    "scheduler:" + NAME, Optional.of("overdue-" + eventId), Optional.empty());
            try {
                AppendResult result = events.append(request);
                marked += result.duplicate() ? 0 : 1;
            } catch (RuleViolation paidMeanwhile) {
                LOG.infof("Not marking %s overdue: %s", family, paidMeanwhile.getMessage());
            }
        }
        return marked;
    }

    /**
     * The id of the {@code PaymentOverdue} for the due at {@code position} of the family's dues at {@code version}:
     * the same for every copy of the job that decided on that state, another for each of two equal dues.
     */
    static String overdueId(StreamId family, DuePayment due, long version, int position) {
        String name = "PaymentOverdue|" + family.tenantId() + "|" + family.aggregateId() + "|"
                + due.amount().stripTrailingZeros().toPlainString() + "|" + due.dueDate() + "|" + version + "|"
                + position;
        return DerivedIds.of(name);
    }
}
