package coop.schedule;

import coop.ledger.Digest;
import coop.ledger.LedgerDigests;
import coop.store.ReadModelStore;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One digest of each tenant's ledger a day (docs/ledger-digests.md), taken by the hourly schedule for every tenant
 * whose newest digest is not from today (UTC): a retried or repeated run takes none twice, and a day the schedule
 * missed is made up by the next run. A digest taken through the API that day counts as that day's.
 */
public final class DailyDigests {

    private static final Logger LOG = Logger.getLogger(DailyDigests.class);

    private final ReadModelStore rows;
    private final LedgerDigests digests;
    private final Clock clock;

    public DailyDigests(ReadModelStore rows, LedgerDigests digests, Clock clock) {
        this.rows = rows;
        this.digests = digests;
        this.clock = clock;
    }

    /** The digests this run took, one per tenant that had none today. */
    public List<Digest> takeWhereNoneToday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Digest> taken = new ArrayList<>();
        for (String tenant : rows.tenants()) {
            Optional<Digest> newest = digests.list(tenant, 1, Optional.empty()).digests().stream().findFirst();
            if (newest.isEmpty() || LocalDate.ofInstant(newest.get().takenAt(), ZoneOffset.UTC).isBefore(today)) {
                taken.add(digests.take(tenant));
            }
        }
        LOG.infof("Daily digests: %d taken", taken.size());
        return taken;
    }
}
