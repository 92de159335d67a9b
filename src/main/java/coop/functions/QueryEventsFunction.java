package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.app.AuditTrail;
import coop.app.Envelope;
import coop.app.Explain;
import coop.app.Explanation;
import coop.app.History;
import coop.functions.http.ApiError;
import coop.ledger.Digest;
import coop.ledger.DigestProofs;
import coop.ledger.LedgerDigests;
import coop.store.ChainVerification;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.QueryParameters;
import coop.functions.http.Reply;
import coop.functions.http.Route;
import coop.functions.http.Routes;
import io.quarkus.arc.Unremovable;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail: an aggregate's history (as JSON pages, or whole as CSV with its chain's verdict), its
 * verification (alone, or against a digest taken earlier), explain, and event queries across aggregates.
 */
@Singleton
@Unremovable
public class QueryEventsFunction implements HttpFunction {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    private final HttpAdapter http;
    private final History history;
    private final Explain explain;
    private final AuditTrail audit;
    private final LedgerDigests digests;
    private final DigestProofs proofs;
    private final Routes routes = Routes.create()
            .on("GET /aggregates/{aggregate_type}/{aggregate_id}/events", this::aggregateHistory)
            .on("GET /aggregates/{aggregate_type}/{aggregate_id}/verification", this::verification)
            .on("GET /aggregates/{aggregate_type}/{aggregate_id}/explain", this::explain)
            .on("GET /events", this::events)
            .on("GET /events/{event_id}", this::event);

    public QueryEventsFunction(HttpAdapter http, History history, Explain explain, AuditTrail audit,
                               LedgerDigests digests, DigestProofs proofs) {
        this.http = http;
        this.history = history;
        this.explain = explain;
        this.audit = audit;
        this.digests = digests;
        this.proofs = proofs;
    }

    @Funq
    public APIGatewayV2HTTPResponse queryEvents(APIGatewayV2HTTPEvent event) {
        return http.serve(event, routes);
    }

    private Reply aggregateHistory(ApiRequest request) {
        String type = request.id("aggregate_type");
        String id = request.id("aggregate_id");
        Optional<String> format = request.query("format");
        if (format.isPresent() && !format.get().equals("csv") && !format.get().equals("json")) {
            throw ApiError.invalid("format", "must be json or csv");
        }
        if (format.filter("csv"::equals).isPresent()) {
            return auditExport(request, type, id);
        }
        QueryParameters query = request.queryParameters();
        long from = query.integer("from_version", 1, Long.MAX_VALUE, 1);
        long to = query.integer("to_version", 1, Long.MAX_VALUE, Long.MAX_VALUE);
        int limit = (int) query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Optional<String> token = query.pageToken();
        if (to < from) {
            query.problem("to_version", "must not be below from_version");
        }
        query.validate();
        request.caller().requireReadAggregate(type, id);
        History.Page page = history.ofAggregate(request.caller().tenantId(), type, id, from, to, limit, token)
                .orElseThrow(() -> ApiError.notFound(type + " " + id + " has no event"));
        return Reply.ok(new EventList(page.events(), page.nextPageToken().orElse(null)));
    }

    /** The whole history, read once with its verification; the paging parameters do not apply. */
    private Reply auditExport(ApiRequest request, String type, String id) {
        for (String paging : List.of("from_version", "to_version", "limit", "page_token")) {
            if (request.query(paging).isPresent()) {
                throw ApiError.invalid(paging, "does not apply to format=csv, which exports the whole history");
            }
        }
        request.caller().requireReadAggregate(type, id);
        return Reply.text(AuditCsv.CONTENT_TYPE, AuditCsv.write(audit.export(request.caller().tenantId(), type, id)
                .orElseThrow(() -> ApiError.notFound(type + " " + id + " has no event"))));
    }

    /** With {@code digest_id}, also whether the head that digest recorded is still on today's chain, and its proof. */
    private Reply verification(ApiRequest request) {
        String type = request.id("aggregate_type");
        String id = request.id("aggregate_id");
        QueryParameters query = request.queryParameters();
        Optional<String> digestId = query.id("digest_id");
        query.validate();
        request.caller().requireReadAggregate(type, id);
        String tenant = request.caller().tenantId();
        ChainVerification chain = audit.verify(tenant, type, id)
                .orElseThrow(() -> ApiError.notFound(type + " " + id + " has no event"));
        if (digestId.isEmpty()) {
            return Reply.ok(VerificationBody.of(chain));
        }
        Digest digest = digests.find(tenant, digestId.get())
                .orElseThrow(() -> ApiError.notFound("There is no digest " + digestId.get()));
        return Reply.ok(DigestVerificationBody.of(chain, digest.digestId(),
                proofs.check(audit.stream(tenant, type, id), digest.tree(), digest.root())));
    }

    private Reply explain(ApiRequest request) {
        String type = request.id("aggregate_type");
        String id = request.id("aggregate_id");
        String field = request.query("field").filter(f -> f.matches("[a-z][a-z0-9_]{0,99}"))
                .orElseThrow(() -> ApiError.invalid("field", "is required: a snake_case state field, e.g. portal_access"));
        request.caller().requireReadAggregate(type, id);
        Explanation explanation = explain.explain(request.caller().tenantId(), type, id, field)
                .orElseThrow(() -> ApiError.notFound(type + " " + id + " has no event"));
        return Reply.ok(request.caller().readsAll() ? explanation : ownEventsOnly(explanation, id));
    }

    /** A family may read its own events only: the chain stops where a cause lies in another aggregate. */
    private static Explanation ownEventsOnly(Explanation explanation, String aggregateId) {
        List<Envelope> own = explanation.causationChain().stream()
                .takeWhile(envelope -> envelope.aggregateId().equals(aggregateId)).toList();
        return new Explanation(explanation.field(), explanation.value(), explanation.changedBy(), own);
    }

    private Reply events(ApiRequest request) {
        QueryParameters query = request.queryParameters();
        Optional<String> correlation = query.id("correlation_id");
        Optional<String> eventType = query.id("event_type");
        Optional<Instant> since = query.instant("since");
        Optional<Instant> until = query.instant("until");
        int limit = (int) query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Optional<String> token = query.pageToken();
        boolean byCorrelation = request.query("correlation_id").isPresent();
        boolean byType = request.query("event_type").isPresent();
        if (byCorrelation == byType) {
            query.problem("correlation_id", "give exactly one of correlation_id and event_type");
        }
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            query.problem("until", "must be after since");
        }
        query.validate();
        request.caller().requireReadAll();
        String tenant = request.caller().tenantId();
        if (correlation.isPresent()) {
            List<Envelope> events = history.ofCorrelation(tenant, correlation.get());
            if (events.isEmpty()) {
                throw ApiError.notFound("There is no event of correlation " + correlation.get());
            }
            return Reply.ok(new EventList(events, null));
        }
        History.Page page = history.ofType(tenant, eventType.orElseThrow(), since.orElse(BEGINNING),
                until.orElse(END), limit, token);
        return Reply.ok(new EventList(page.events(), page.nextPageToken().orElse(null)));
    }

    private Reply event(ApiRequest request) {
        String eventId = request.id("event_id");
        request.caller().requireReadAll();
        return Reply.ok(history.event(request.caller().tenantId(), eventId)
                .orElseThrow(() -> ApiError.notFound("There is no event " + eventId)));
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return queryEvents(event);
    }
}
