package coop.stream;

import coop.readmodel.FamilySummary;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.app.AggregateRepository;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentStatus;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One summary row per family, listed by payment status.
 *
 * <p>The row is the Family state folded up to the event (the repository reads, from the store, any event the row
 * has not seen yet, so an event that arrives early never skips one that is late). Each row keeps the last version
 * applied: a duplicate or an older event changes nothing, and the write is conditional on the stored version, so
 * racing invocations cannot move a row backwards. A Family event that no longer folds fails every later event of its
 * family too, so that family's row stays at the last good version while other families flow on.
 */
public final class FamilySummaryProjection implements Subscriber {

    public static final String NAME = "family-summary";

    private final AggregateRepository aggregates;
    private final ReadModelStore rows;
    private final ObjectMapper json;
    private final boolean active;

    public FamilySummaryProjection(AggregateRepository aggregates, ReadModelStore rows, ObjectMapper json,
                                   boolean active) {
        this.aggregates = aggregates;
        this.rows = rows;
        this.json = json;
        this.active = active;
    }

    @Override
    public Subscription subscription() {
        return new Subscription(NAME, HandlerType.PROJECTION, Set.of(), active);
    }

    @Override
    public void handle(RecordedEvent event) {
        if (!Family.NAME.equals(event.aggregateType())) {
            return;
        }
        Optional<ReadModelRow> stored = rows.find(event.tenantId(), FamilySummary.MODEL, event.aggregateId());
        if (stored.isPresent() && stored.get().version() >= event.aggregateVersion()) {
            return;
        }
        aggregates.load(Family.INSTANCE, event.stream(), new LoadTarget.AtVersion(event.aggregateVersion()))
                .ifPresent(loaded -> rows.putIfNewer(row(event.stream(), loaded)));
        if (stored.isEmpty()) {
            rows.registerTenant(event.tenantId());
        }
    }

    /** Recomputes one family's row from its whole history, overwriting the row even at the same version. */
    public void rebuild(StreamId stream) {
        aggregates.load(Family.INSTANCE, stream, LoadTarget.latest()).ifPresent(loaded -> {
            rows.putIfNotOlder(row(stream, loaded));
            rows.registerTenant(stream.tenantId());
        });
    }


    private ReadModelRow row(StreamId stream, Loaded<FamilyState> loaded) {
        FamilySummary summary = FamilySummary.of(loaded.state(), loaded.version(), loaded.lastEventAt());
        try {
            return new ReadModelRow(stream.tenantId(), FamilySummary.MODEL, stream.aggregateId(), loaded.version(),
                    json.writeValueAsString(summary), Optional.of(FamilySummary.listing(summary.paymentStatus())),
                    loaded.lastEventAt());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a summary always serialises", e);
        }
    }
}
