package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.domain.family.PaymentStatus;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.QueryParameters;
import coop.functions.http.Reply;
import coop.functions.http.Role;
import coop.functions.http.Route;
import coop.functions.http.Routes;
import coop.admin.ProjectionAdmin;
import coop.ledger.LedgerDigests;
import coop.readmodel.ProjectionInfo;
import coop.readmodel.ReadModelQueries;
import coop.store.NoticeStore;
import coop.store.Rebuild;
import io.quarkus.arc.Unremovable;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read models kept up to date from the stream: {@code GET /families/{family_id}/summary},
 * {@code GET /families?payment_status=}, {@code GET /projections}, {@code POST /projections/{name}/rebuild}, and the
 * notices to families, {@code GET /notifications}, and the ledger's digests, {@code POST/GET /ledger/digests}, which
 * are taken from the stream-heads rows (docs/ledger-digests.md).
 */
@Singleton
@Unremovable
public class ReadModelsFunction implements HttpFunction {

    private static final List<String> PAYMENT_STATUSES =
            Arrays.stream(PaymentStatus.values()).map(status -> status.name().toLowerCase()).toList();

    private final HttpAdapter http;
    private final ReadModelQueries queries;
    private final ProjectionAdmin admin;
    private final Routes routes = Routes.create()
            .on("GET /families/{family_id}/summary", this::summary)
            .on("GET /families", this::families)
            .on("GET /projections", this::projections)
            .on("POST /projections/{projection_name}/rebuild", this::rebuild)
            .on("GET /notifications", this::notifications)
            .on("POST /ledger/digests", this::takeDigest)
            .on("GET /ledger/digests", this::digests)
            .on("GET /ledger/digests/{digest_id}", this::digest);
    private final NoticeStore notices;
    private final LedgerDigests ledgerDigests;

    public ReadModelsFunction(HttpAdapter http, ReadModelQueries queries, ProjectionAdmin admin,
                              NoticeStore notices, LedgerDigests ledgerDigests) {
        this.http = http;
        this.queries = queries;
        this.admin = admin;
        this.notices = notices;
        this.ledgerDigests = ledgerDigests;
    }

    @Funq
    public APIGatewayV2HTTPResponse readModels(APIGatewayV2HTTPEvent event) {
        return http.serve(event, routes);
    }

    private Reply summary(ApiRequest request) {
        String familyId = request.id("family_id");
        request.caller().requireReadAggregate("Family", familyId);
        return Reply.ok(queries.familySummary(request.caller().tenantId(), familyId)
                .orElseThrow(() -> ApiError.notFound("There is no summary of family " + familyId)));
    }

    private Reply families(ApiRequest request) {
        QueryParameters query = request.queryParameters();
        Optional<String> status = request.query("payment_status");
        if (status.isEmpty() || !PAYMENT_STATUSES.contains(status.get())) {
            query.problem("payment_status", "must be one of " + String.join(", ", PAYMENT_STATUSES));
        }
        int limit = (int) query.integer("limit", 1, ReadModelQueries.MAX_LIMIT, ReadModelQueries.DEFAULT_LIMIT);
        Optional<String> pageToken = query.pageToken();
        query.validate();
        request.caller().requireReadAll();
        return Reply.ok(queries.familiesByPaymentStatus(request.caller().tenantId(),
                PaymentStatus.valueOf(status.orElseThrow().toUpperCase()), limit, pageToken));
    }

    /**
     * Subscribers serve every tenant, so a tenant's callers see that tenant's progress only (its last event, its
     * errors) and a rebuild as the status {@code rebuilding}, without its figures, which count every tenant's events;
     * the platform's operators ({@code operator} role) see every tenant's progress and the rebuild's figures.
     */
    private Reply projections(ApiRequest request) {
        if (request.caller().has(Role.OPERATOR)) {
            return Reply.ok(queries.projectionsOfAllTenants());
        }
        request.caller().requireReadAll();
        return Reply.ok(queries.projections(request.caller().tenantId()));
    }

    /**
     * Starts the rebuild and answers 202 at once: its segments run in their own asynchronous invocations, and
     * {@code GET /projections} shows their progress. A rebuild reads the whole events table and replaces a running
     * one, so only an operator may start it; a tenant's admin could otherwise restart the platform's rebuild.
     */
    private Reply rebuild(ApiRequest request) {
        String name = request.id("projection_name");
        request.caller().requireOperator("rebuild a projection: a rebuild reads every tenant's events and replaces "
                + "a running one");
        Rebuild rebuild = admin.start(name);
        return Reply.accepted(Map.of("projection_name", name, "rebuild_id", rebuild.id(), "status", "rebuilding",
                "total_segments", rebuild.totalSegments(), "events_total", rebuild.eventsTotal()));
    }

    /**
     * The tenant's latest notices with their status (sending, sent, recorded, skipped with its reason, failed), so a
     * coordinator sees what the families were told and what was not sent, and why. Nothing in them is personal.
     */
    private Reply notifications(ApiRequest request) {
        QueryParameters query = request.queryParameters();
        int limit = (int) query.integer("limit", 1, ReadModelQueries.MAX_LIMIT, ReadModelQueries.DEFAULT_LIMIT);
        query.validate();
        request.caller().requireReadAll();
        return Reply.ok(Map.of("notifications", notices.recent(request.caller().tenantId(), limit).stream()
                .map(NoticeView::of).toList()));
    }

    private Reply takeDigest(ApiRequest request) {
        request.caller().requireAuditorOrAdmin("take a digest of the ledger");
        return Reply.created(DigestView.of(ledgerDigests.take(request.caller().tenantId())));
    }

    private Reply digests(ApiRequest request) {
        QueryParameters query = request.queryParameters();
        int limit = (int) query.integer("limit", 1, ReadModelQueries.MAX_LIMIT, ReadModelQueries.DEFAULT_LIMIT);
        Optional<String> pageToken = query.pageToken();
        query.validate();
        request.caller().requireAuditorOrAdmin("list the ledger's digests");
        return Reply.ok(DigestList.of(ledgerDigests.list(request.caller().tenantId(), limit, pageToken)));
    }

    private Reply digest(ApiRequest request) {
        String digestId = request.id("digest_id");
        request.caller().requireAuditorOrAdmin("read a digest of the ledger");
        return Reply.ok(DigestView.of(ledgerDigests.find(request.caller().tenantId(), digestId)
                .orElseThrow(() -> ApiError.notFound("There is no digest " + digestId))));
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return readModels(event);
    }
}
