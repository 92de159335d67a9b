package coop.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.app.EventCodec;
import coop.domain.family.PaymentStatus;
import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.InvalidPageToken;
import coop.store.ParkedFamilies;
import coop.store.ParkedFamily;
import coop.store.RebuildProgress;
import coop.store.ReadModelStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read side the portal queries: family summaries and the subscribers' checkpoints. Every query is scoped to one
 * tenant (the list of projections too, except for the platform's operators, who alone see rebuilds' figures); none
 * scans a table.
 */
public final class ReadModelQueries {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final ReadModelStore rows;
    private final CheckpointStore checkpoints;
    private final SubscriberRegistry subscribers;
    private final FamilySummaryRows summaryRows;
    private final Function<String, Optional<RebuildProgress>> rebuildProgress;
    private final ParkedFamilies parked;

    public ReadModelQueries(ReadModelStore rows, CheckpointStore checkpoints, SubscriberRegistry subscribers,
                            ObjectMapper json) {
        this(rows, checkpoints, subscribers, json, name -> Optional.empty());
    }

    /** @param rebuildProgress a projection's latest rebuild, if it was ever rebuilt ({@code RebuildStore::progress}) */
    public ReadModelQueries(ReadModelStore rows, CheckpointStore checkpoints, SubscriberRegistry subscribers,
                            ObjectMapper json, Function<String, Optional<RebuildProgress>> rebuildProgress) {
        this(rows, checkpoints, subscribers, json, rebuildProgress, ParkedFamilies.NONE);
    }

    /** @param parked the aggregates the stream has parked ({@code ParkingStore}) */
    public ReadModelQueries(ReadModelStore rows, CheckpointStore checkpoints, SubscriberRegistry subscribers,
                            ObjectMapper json, Function<String, Optional<RebuildProgress>> rebuildProgress,
                            ParkedFamilies parked) {
        this.parked = parked;
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.subscribers = subscribers;
        this.summaryRows = new FamilySummaryRows(new EventCodec(json), json);
        this.rebuildProgress = rebuildProgress;
    }

    /** {@code GET /families/{family_id}/summary}: empty (404) when the tenant has no such family yet. */
    public Optional<FamilySummary> familySummary(String tenantId, String familyId) {
        return rows.find(tenantId, FamilySummary.MODEL, familyId).map(summaryRows::summary);
    }

    /**
     * {@code GET /families?payment_status=&limit=&page_token=}: the tenant's families in that payment status, by
     * family id.
     *
     * @param limit 1 to {@value #MAX_LIMIT}; larger values are capped
     * @throws InvalidPageToken when the token was not handed out for this tenant and status (serve as 400)
     */
    public FamilyPage familiesByPaymentStatus(String tenantId, PaymentStatus status, int limit,
                                              Optional<String> pageToken) {
        var page = rows.list(tenantId, FamilySummary.MODEL, FamilySummary.listing(status),
                Math.max(1, Math.min(limit, MAX_LIMIT)), pageToken);
        return new FamilyPage(page.rows().stream().map(summaryRows::summary).toList(), page.nextPageToken());
    }

    /**
     * {@code GET /projections} for a tenant: every registered subscriber, in registration order, with that tenant's
     * progress only (its last event, its errors). Subscribers serve every tenant; another tenant's events never show.
     * A rebuild shows as the status {@code rebuilding} alone: its figures (segments, events done of the table's
     * count) are the whole deployment's.
     */
    public ProjectionList projections(String tenantId) {
        return list(name -> checkpoints.find(name, tenantId), name -> Optional.empty(), parked.parkedIn(tenantId));
    }

    /**
     * {@code GET /projections} for the platform's operators: every tenant's progress, the most recent first, and each
     * rebuildable projection's latest rebuild with its figures.
     */
    public ProjectionList projectionsOfAllTenants() {
        return list(checkpoints::find, rebuildProgress, parked.parkedEverywhere());
    }

    private ProjectionList list(Function<String, Optional<Checkpoint>> find,
                                Function<String, Optional<RebuildProgress>> rebuildOf,
                                List<ParkedFamily> parkedFamilies) {
        List<ProjectionInfo> infos = subscribers.subscriptions().stream().map(subscription -> {
            Checkpoint checkpoint = find.apply(subscription.name()).orElse(Checkpoint.fresh(subscription.name()));
            Checkpoint.Status status = subscription.active() ? checkpoint.status() : Checkpoint.Status.STOPPED;
            return new ProjectionInfo(subscription.name(), subscription.handlerType(), status,
                    checkpoint.lastEventId(), checkpoint.lastEventTimestamp(), checkpoint.lastUpdated(),
                    checkpoint.errorCount(), checkpoint.lastError(), subscription.active(),
                    subscription.handlerType() == HandlerType.PROJECTION
                            ? rebuildOf.apply(subscription.name()) : Optional.empty());
        }).toList();
        return new ProjectionList(infos, parkedFamilies);
    }
}
