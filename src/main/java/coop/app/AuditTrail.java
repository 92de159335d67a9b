package coop.app;

import coop.store.ChainVerification;
import coop.store.EventStore;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An aggregate's history as proof: whether its hash chain verifies, and the whole history beside that verdict, from
 * one read of the stream.
 */
public final class AuditTrail {

    private final AggregateTypes types;
    private final EventStore store;
    private final Envelopes envelopes;

    public AuditTrail(AggregateTypes types, EventStore store, Envelopes envelopes) {
        this.types = types;
        this.store = store;
        this.envelopes = envelopes;
    }

    /**
     * The chain's verdict; empty when the aggregate has no event in this tenant.
     *
     * @throws UnknownAggregateType when the type is not served
     */
    public Optional<ChainVerification> verify(String tenantId, String aggregateType, String aggregateId) {
        ChainVerification verification = store.verifyChain(stream(tenantId, aggregateType, aggregateId));
        return verification.aggregateVersion() == 0 ? Optional.empty() : Optional.of(verification);
    }

    /**
     * Every event, as stored and as a reader sees it, and the chain's verdict; empty when the aggregate has none.
     *
     * @throws UnknownAggregateType when the type is not served
     */
    public Optional<AuditExport> export(String tenantId, String aggregateType, String aggregateId) {
        List<AuditExport.Line> lines = new ArrayList<>();
        ChainVerification verification = store.verifyChain(stream(tenantId, aggregateType, aggregateId),
                page -> page.forEach(event -> lines.add(new AuditExport.Line(event.stored(),
                        envelopes.of(event.opened())))));
        return lines.isEmpty() ? Optional.empty() : Optional.of(new AuditExport(lines, verification));
    }

    /**
     * The stream an aggregate's events are stored in, its type named as served (the digest's leaves name it so).
     *
     * @throws UnknownAggregateType when the type is not served
     */
    public StreamId stream(String tenantId, String aggregateType, String aggregateId) {
        return new StreamId(tenantId, types.get(aggregateType).name(), aggregateId);
    }
}
