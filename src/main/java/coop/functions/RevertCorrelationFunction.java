package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.app.Erasures;
import coop.app.RevertPreviews;
import coop.app.RevertResult;
import coop.app.Reverts;
import coop.domain.Field;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.Reply;
import coop.functions.http.Route;
import coop.functions.http.Routes;
import io.quarkus.arc.Unremovable;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /correlations/{correlation_id}/revert} (admin): compensates every event of a correlation. 201 when
 * this call appended compensating events; 200 with the same body when an earlier revert already had. With
 * {@code ?dry_run=true}: 200 with the compensations that would be appended and skipped, and nothing stored.
 *
 * <p>Also {@code POST /aggregates/Family/{aggregate_id}/erasure} (admin, see {@link ErasureRequests}): the other
 * admin write that changes what a family's history says, served here rather than by one more function.
 */
@Singleton
@Unremovable
public class RevertCorrelationFunction implements HttpFunction {


    private final HttpAdapter http;
    private final Reverts reverts;
    private final RevertPreviews previews;
    private final ErasureRequests erasures;
    private final Routes routes;

    public RevertCorrelationFunction(HttpAdapter http, Reverts reverts, RevertPreviews previews, Erasures erasures) {
        this.http = http;
        this.reverts = reverts;
        this.previews = previews;
        this.erasures = new ErasureRequests(erasures);
        this.routes = Routes.create()
                .on("POST /correlations/{correlation_id}/revert", this::revert)
                .on(ErasureRequests.ROUTE, this.erasures::erase);
    }

    @Funq
    public APIGatewayV2HTTPResponse revertCorrelation(APIGatewayV2HTTPEvent event) {
        return http.serve(event, routes);
    }

    private Reply revert(ApiRequest request) {
        request.caller().requireAdmin();
        String correlationId = request.id("correlation_id");
        Optional<String> dryRun = request.query("dry_run");
        if (dryRun.isPresent() && !dryRun.get().equals("true") && !dryRun.get().equals("false")) {
            throw ApiError.invalid("dry_run", "must be true or false");
        }
        String reason = ReasonBody.reason(request.jsonBody(), "a sentence of at most " + Field.MAX_TEXT_LENGTH
                + " characters");
        if (dryRun.filter("true"::equals).isPresent()) {
            return Reply.ok(previews.preview(request.caller().tenantId(), correlationId, reason)
                    .orElseThrow(() -> ApiError.notFound("There is no event of correlation " + correlationId)));
        }
        RevertResult result = reverts.revert(request.caller().tenantId(), correlationId, reason,
                request.caller().userId())
                .orElseThrow(() -> ApiError.notFound("There is no event of correlation " + correlationId));
        Reverted answer = new Reverted(result.correlationId(), result.reverted(), result.skipped());
        return result.appended() ? Reply.created(answer) : Reply.ok(answer);
    }

    /** The answer: {@code appended} only decides the status, it is not part of the body. */
    record Reverted(String correlationId, List<RevertResult.Reverted> reverted, List<RevertResult.Skipped> skipped) {
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return revertCorrelation(event);
    }
}
