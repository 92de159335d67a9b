package coop.schedule;

import coop.app.AggregateRepository;
import coop.app.Erasures;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyStatus;
import coop.store.EventPage;
import coop.store.EventStore;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The retention rule: erases the personal data of every family withdrawn longer than
 * {@code coop.retention.erase-withdrawn-after}, with reason {@value #REASON}, as an admin's erasure would.
 *
 * <p>Candidates are the {@code FamilyWithdrawn} events recorded before the cutoff (the {@code by_type} index, per
 * tenant from the tenant registry); each candidate's state decides: still withdrawn, its withdrawal date on or before
 * the cutoff's date, not erased yet. A withdrawal recorded later than its date is erased later, never earlier.
 * Erasing is idempotent, so copies of the job running at once erase each family once.
 */
public final class RetentionErasures {

    public static final String NAME = "erase-withdrawn-families";
    public static final String REASON = "retention";
    static final int PAGE = 100;

    private static final Logger LOG = Logger.getLogger(RetentionErasures.class);

    private final ReadModelStore rows;
    private final EventStore store;
    private final AggregateRepository aggregates;
    private final Erasures erasures;
    private final Duration eraseWithdrawnAfter;
    private final Clock clock;

    public RetentionErasures(ReadModelStore rows, EventStore store, AggregateRepository aggregates, Erasures erasures,
                             Duration eraseWithdrawnAfter, Clock clock) {
        this.rows = rows;
        this.store = store;
        this.aggregates = aggregates;
        this.erasures = erasures;
        this.eraseWithdrawnAfter = eraseWithdrawnAfter;
        this.clock = clock;
    }

    /**
     * @return how many families this run erased
     * @throws IllegalStateException after every other family was handled, when some family failed, so that the
     *                               job's errors alarm sees it and the schedule retries
     */
    public int eraseWithdrawnFamilies() {
        Instant cutoff = clock.instant().minus(eraseWithdrawnAfter);
        LocalDate lastWithdrawal = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        int erased = 0;
        Map<StreamId, RuntimeException> failed = new LinkedHashMap<>();
        for (String tenant : rows.tenants()) {
            Set<String> seen = new HashSet<>();
            Optional<String> token = Optional.empty();
            do {
                EventPage page = store.findByType(tenant, "FamilyWithdrawn", Instant.EPOCH, cutoff, PAGE, token);
                for (RecordedEvent withdrawal : page.events()) {
                    if (!withdrawal.aggregateType().equals(Family.NAME) || !seen.add(withdrawal.aggregateId())) {
                        continue;
                    }
                    try {
                        erased += eraseIfDue(withdrawal.stream(), lastWithdrawal) ? 1 : 0;
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Could not apply the retention rule to %s", withdrawal.stream());
                        failed.put(withdrawal.stream(), e);
                    }
                }
                token = page.nextPageToken();
            } while (token.isPresent());
        }
        LOG.infof("Retention: %d families erased", erased);
        if (!failed.isEmpty()) {
            throw new IllegalStateException("The retention rule failed for " + failed.keySet()
                    + "; every other family was handled", failed.values().iterator().next());
        }
        return erased;
    }

    private boolean eraseIfDue(StreamId family, LocalDate lastWithdrawal) {
        Optional<Loaded<FamilyState>> loaded = aggregates.load(Family.INSTANCE, family, LoadTarget.latest());
        if (loaded.isEmpty()) {
            return false;
        }
        FamilyState state = loaded.get().state();
        boolean due = state.status() == FamilyStatus.WITHDRAWN && !state.personalDataErased()
                && state.withdrawalDate() != null && !state.withdrawalDate().isAfter(lastWithdrawal);
        if (!due) {
            return false;
        }
        erasures.erase(family.tenantId(), family.aggregateId(), REASON, "scheduler:" + NAME);
        return true;
    }
}
