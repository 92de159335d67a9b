package coop.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.app.AggregateRepository;
import coop.app.EventCodec;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.AggregateType;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.readmodel.FamilySummary;
import coop.readmodel.FamilySummaryRows;
import coop.readmodel.HandlerType;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One summary row per family, listed by payment status.
 *
 * <p>Per batch, each family's row is read once (all rows of the batch in one request) and written once: the row keeps
 * the Family state it was made from, the batch's events are applied to that state when they follow the row's
 * version, and the store is read only for a gap ({@link BatchStates}). Each row keeps the last version applied; the
 * write is conditional on it, so a duplicate or an older batch changes nothing and racing invocations cannot move a
 * row backwards. A Family event that no longer folds stops its family's row at the event before, while other
 * families flow on.
 */
public final class FamilySummaryProjection implements Subscriber, StartingPoints {

    public static final String NAME = "family-summary";

    private final AggregateRepository aggregates;
    private final ReadModelStore rows;
    private final FamilySummaryRows summaryRows;
    private final boolean active;

    public FamilySummaryProjection(AggregateRepository aggregates, ReadModelStore rows, EventCodec codec,
                                   ObjectMapper json, boolean active) {
        this.aggregates = aggregates;
        this.rows = rows;
        this.summaryRows = new FamilySummaryRows(codec, json);
        this.active = active;
    }

    @Override
    public Subscription subscription() {
        return new Subscription(NAME, HandlerType.PROJECTION, Set.of(), active);
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
        Set<String> newTenants = new LinkedHashSet<>();
        List<Failure> failures = PerAggregate.each(PerAggregate.group(
                events.stream().filter(event -> Family.NAME.equals(event.aggregateType())).toList()),
                (stream, ofFamily) -> {
                    Folded<FamilyState> folded = states.after(Family.INSTANCE, stream);
                    folded.state().filter(state -> state.version() > folded.startVersion())
                            .ifPresent(state -> rows.putIfNewer(summaryRows.row(stream, state)));
                    if (folded.startVersion() == 0) {
                        newTenants.add(stream.tenantId());
                    }
                    folded.requireFoldedUpTo(ofFamily.getLast().aggregateVersion());
                });
        newTenants.forEach(rows::registerTenant);
        return failures;
    }

    /** The family rows of these streams, read in one go, with the state each was made from. */
    @Override
    @SuppressWarnings("unchecked")
    public <S> Map<StreamId, Start<S>> find(AggregateType<S, ?> type, Collection<StreamId> streams) {
        if (!Family.NAME.equals(type.name()) || streams.isEmpty()) {
            return Map.of();
        }
        Map<StreamId, Start<S>> starts = new HashMap<>();
        for (ReadModelRow row : rows.findAll(FamilySummary.MODEL, streams.stream()
                .map(stream -> new ReadModelStore.RowKey(stream.tenantId(), stream.aggregateId())).toList())) {
            StreamId stream = new StreamId(row.tenantId(), Family.NAME, row.rowId());
            Optional<Loaded<S>> state = summaryRows.state(row)
                    .map(family -> (Loaded<S>) new Loaded<>(family, row.version(), row.updatedAt()));
            starts.put(stream, new Start<>(row.version(), state));
        }
        return starts;
    }

    /** Recomputes one family's row from its whole history, overwriting the row even at the same version. */
    public void rebuild(StreamId stream) {
        aggregates.load(Family.INSTANCE, stream, LoadTarget.latest()).ifPresent(loaded -> {
            rows.putIfNotOlder(summaryRows.row(stream, loaded));
            rows.registerTenant(stream.tenantId());
        });
    }
}
