package coop.schedule;

import coop.domain.family.Family;
import coop.domain.family.PaymentStatus;
import coop.observability.Metrics;
import coop.readmodel.FamilySummary;
import coop.store.ChainVerification;
import coop.store.EventStore;
import coop.store.ReadModelPage;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The scheduled check of the ledger (docs/ledger.md): verifies the hash chains of a random sample of each tenant's
 * families and publishes {@code ChainsVerified}, {@code ChainsNotChained} and {@code ChainVerificationFailures};
 * the template alarms on the last. Families are listed from the family summaries (an index, never a scan of the
 * events table); each sampled stream is read once.
 */
public final class ChainAudit {

    public static final String NAME = "verify-chains";
    static final int PAGE = 100;

    private static final Logger LOG = Logger.getLogger(ChainAudit.class);

    private final ReadModelStore rows;
    private final EventStore store;
    private final Metrics metrics;
    private final int samplePerTenant;
    private final RandomGenerator random;

    /** @param samplePerTenant how many families of each tenant one run verifies at most */
    public ChainAudit(ReadModelStore rows, EventStore store, Metrics metrics, int samplePerTenant,
                      RandomGenerator random) {
        this.rows = rows;
        this.store = store;
        this.metrics = metrics;
        this.samplePerTenant = samplePerTenant;
        this.random = random;
    }

    /** What one run found. */
    public record Outcome(int verified, int notChained, int broken) {
    }

    public Outcome verifySample() {
        int verified = 0;
        int notChained = 0;
        int broken = 0;
        for (String tenant : rows.tenants()) {
            for (String familyId : sample(tenant)) {
                StreamId stream = new StreamId(tenant, Family.NAME, familyId);
                ChainVerification chain = store.verifyChain(stream);
                if (chain.verified()) {
                    verified++;
                } else if (chain.problem().filter(ChainVerification.NOT_CHAINED::equals).isPresent()) {
                    notChained++;
                } else {
                    broken++;
                    LOG.errorf("The hash chain of %s breaks at version %d: %s (of %d versions)", stream,
                            chain.firstBadVersion().orElseThrow(), chain.problem().orElseThrow(),
                            chain.aggregateVersion());
                }
            }
        }
        metrics.chainVerification(verified, notChained, broken);
        LOG.infof("Chain audit: %d streams verified, %d not chained yet, %d broken", verified, notChained, broken);
        return new Outcome(verified, notChained, broken);
    }

    /** A uniform sample of the tenant's families (reservoir sampling over every payment-status listing). */
    private List<String> sample(String tenant) {
        List<String> sample = new ArrayList<>();
        int seen = 0;
        for (PaymentStatus status : PaymentStatus.values()) {
            Optional<String> token = Optional.empty();
            do {
                ReadModelPage page = rows.list(tenant, FamilySummary.MODEL, FamilySummary.listing(status), PAGE,
                        token);
                for (ReadModelRow row : page.rows()) {
                    seen++;
                    if (sample.size() < samplePerTenant) {
                        sample.add(row.rowId());
                    } else {
                        int slot = random.nextInt(seen);
                        if (slot < samplePerTenant) {
                            sample.set(slot, row.rowId());
                        }
                    }
                }
                token = page.nextPageToken();
            } while (token.isPresent());
        }
        return sample;
    }
}
