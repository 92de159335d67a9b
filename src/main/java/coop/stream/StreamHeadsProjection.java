package coop.stream;

import coop.readmodel.HandlerType;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps each stream's head {@code (version, chain_hash)} as a row of the read-model table, so that a digest reads a
 * tenant's heads from one listing instead of scanning the events table (docs/ledger-digests.md). Rows of the
 * read-model table rather than a table of their own: they are a projection like the family summary, written
 * forward-only by {@link ReadModelStore#putIfNewer} (a replayed or late record never rewinds a head), listed through
 * the existing index, and rebuilt and replayed by the same machinery. An unchained event (written before chains,
 * not backfilled yet) moves no head: a digest covers only what it can prove.
 */
public final class StreamHeadsProjection implements Subscriber {

    public static final String NAME = "stream-heads";
    public static final String MODEL = "stream_heads";
    /** Every head of a tenant is in this one listing. */
    public static final String LISTING = "all";

    private final ReadModelStore rows;
    private final boolean active;
    private final Set<String> registeredTenants = new HashSet<>();

    public StreamHeadsProjection(ReadModelStore rows, boolean active) {
        this.rows = rows;
        this.active = active;
    }

    @Override
    public Subscription subscription() {
        return new Subscription(NAME, HandlerType.PROJECTION, Set.of(), active);
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
        return PerAggregate.each(PerAggregate.group(events), (stream, ordered) -> {
            RecordedEvent last = ordered.getLast();
            last.chainHash().ifPresent(hash -> {
                registerOnce(stream.tenantId());
                rows.putIfNewer(row(last, hash));
            });
        });
    }

    /** The row id is the leaf's stream, {@code aggregate_type/aggregate_id}. */
    static ReadModelRow row(RecordedEvent head, String chainHash) {
        return new ReadModelRow(head.tenantId(), MODEL, head.aggregateType() + "/" + head.aggregateId(),
                head.aggregateVersion(), Optional.of("{\"chain_hash\":\"" + chainHash + "\"}"),
                Optional.of(LISTING), head.timestamp(), Optional.empty());
    }

    private void registerOnce(String tenantId) {
        synchronized (registeredTenants) {
            if (registeredTenants.add(tenantId)) {
                rows.registerTenant(tenantId);
            }
        }
    }
}
