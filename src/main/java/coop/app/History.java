package coop.app;

import coop.store.EventPage;
import coop.store.EventStore;
import coop.store.InvalidPageToken;
import coop.store.StreamId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The audit trail: events of one aggregate, of one correlation, of one type in a time window, or one by id. */
public final class History {

    private final AggregateTypes types;
    private final EventStore store;
    private final Envelopes envelopes;

    public History(AggregateTypes types, EventStore store, Envelopes envelopes) {
        this.types = types;
        this.store = store;
        this.envelopes = envelopes;
    }

    /** One page of envelopes and the token that continues after it. */
    public record Page(List<Envelope> events, Optional<String> nextPageToken) {
    }

    /**
     * The events of one aggregate with {@code fromVersion <= version <= toVersion}, oldest first; empty when the
     * aggregate has no event at all in this tenant.
     *
     * @throws UnknownAggregateType when the type is not served
     * @throws InvalidPageToken     when the token was not handed out for this stream
     */
    public Optional<Page> ofAggregate(String tenantId, String aggregateType, String aggregateId, long fromVersion,
                                      long toVersion, int limit, Optional<String> pageToken) {
        StreamId stream = new StreamId(tenantId, types.get(aggregateType).name(), aggregateId);
        EventPage page = store.readStream(stream, fromVersion - 1, toVersion, limit, pageToken);
        if (page.events().isEmpty() && pageToken.isEmpty() && store.currentVersion(stream) == 0) {
            return Optional.empty();
        }
        return Optional.of(toPage(page));
    }

    /** Every event of one correlation, in time order; empty list when the tenant has none. */
    public List<Envelope> ofCorrelation(String tenantId, String correlationId) {
        return store.findByCorrelation(tenantId, correlationId).stream().map(envelopes::of).toList();
    }

    /**
     * Events of one type recorded in {@code [since, until)}, in time order.
     *
     * @throws InvalidPageToken when the token was not handed out for this query
     */
    public Page ofType(String tenantId, String eventType, Instant since, Instant until, int limit,
                       Optional<String> pageToken) {
        return toPage(store.findByType(tenantId, eventType, since, until, limit, pageToken));
    }

    public Optional<Envelope> event(String tenantId, String eventId) {
        return store.findEvent(tenantId, eventId).map(envelopes::of);
    }

    private Page toPage(EventPage page) {
        return new Page(page.events().stream().map(envelopes::of).toList(), page.nextPageToken());
    }
}
