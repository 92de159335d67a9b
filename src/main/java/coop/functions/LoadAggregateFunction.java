package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.app.Aggregates;
import coop.app.LoadTarget;
import coop.app.Simulations;
import coop.functions.http.ApiError;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.QueryParameters;
import coop.functions.http.Reply;
import coop.functions.http.Role;
import coop.functions.http.Route;
import coop.functions.http.Routes;
import io.quarkus.arc.Unremovable;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /aggregates/{aggregate_type}/{aggregate_id}}: the state now, after a version, or as of an instant; and
 * {@code POST .../simulate}: what proposed events would do to that state, with nothing stored. Both only read the
 * stream, which is why they share a function (and its read-only role).
 */
@Singleton
@Unremovable
public class LoadAggregateFunction implements HttpFunction {

    private final HttpAdapter http;
    private final Aggregates aggregates;
    private final Simulations simulations;
    private final Routes routes = Routes.create()
            .on("GET /aggregates/{aggregate_type}/{aggregate_id}", this::load)
            .on("POST /aggregates/{aggregate_type}/{aggregate_id}/simulate", this::simulate);

    public LoadAggregateFunction(HttpAdapter http, Aggregates aggregates, Simulations simulations) {
        this.http = http;
        this.aggregates = aggregates;
        this.simulations = simulations;
    }

    @Funq
    public APIGatewayV2HTTPResponse loadAggregate(APIGatewayV2HTTPEvent event) {
        return http.serve(event, routes);
    }

    private Reply load(ApiRequest request) {
        String type = request.id("aggregate_type");
        String id = request.id("aggregate_id");
        QueryParameters query = request.queryParameters();
        Optional<Long> version = query.optionalInteger("version", 1, Long.MAX_VALUE);
        Optional<Instant> asOf = query.instant("as_of");
        if (request.query("version").isPresent() && request.query("as_of").isPresent()) {
            query.problem("as_of", "cannot be combined with version");
        }
        query.validate();
        request.caller().requireReadAggregate(type, id);
        LoadTarget target = asOf.<LoadTarget>map(LoadTarget.AsOf::new)
                .orElseGet(() -> version.<LoadTarget>map(LoadTarget.AtVersion::new).orElseGet(LoadTarget::latest));
        return Reply.ok(aggregates.load(request.caller().tenantId(), type, id, target)
                .orElseThrow(() -> ApiError.notFound(type + " " + id + " has no event"
                        + (asOf.isPresent() ? " recorded at or before " + asOf.get() : version.isPresent()
                        ? " up to version " + version.get() : ""))));
    }

    /** What-if is for those who could append the events for real: coordinators and admins. */
    private Reply simulate(ApiRequest request) {
        if (!request.caller().has(Role.COORDINATOR) && !request.caller().has(Role.ADMIN)) {
            throw ApiError.forbidden("Only a coordinator or an admin may simulate events");
        }
        String type = request.id("aggregate_type");
        String id = request.id("aggregate_id");
        SimulateBody body = SimulateBody.parse(request.jsonBody());
        try {
            return Reply.ok(simulations.simulate(request.caller().tenantId(), type, id, body.atVersion(), body.events()));
        } catch (Simulations.BeyondLastVersion beyond) {
            throw ApiError.invalid("at_version", beyond.getMessage());
        }
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return loadAggregate(event);
    }
}
