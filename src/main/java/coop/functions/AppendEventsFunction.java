package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import coop.app.AppendRequest;
import coop.app.EventService;
import coop.functions.http.ApiRequest;
import coop.functions.http.HttpAdapter;
import coop.functions.http.HttpFunction;
import coop.functions.http.Reply;
import coop.functions.http.Route;
import coop.functions.http.Routes;
import coop.store.AppendResult;
import io.quarkus.arc.Unremovable;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;

import java.util.List;

/** {@code POST /aggregates/{aggregate_type}/{aggregate_id}/events}: appends events, all or none. */
@Singleton
@Unremovable
public class AppendEventsFunction implements HttpFunction {

    private final HttpAdapter http;
    private final EventService events;
    private final Routes routes = Routes.create()
            .on("POST /aggregates/{aggregate_type}/{aggregate_id}/events", this::append);

    public AppendEventsFunction(HttpAdapter http, EventService events) {
        this.http = http;
        this.events = events;
    }

    @Funq
    public APIGatewayV2HTTPResponse appendEvents(APIGatewayV2HTTPEvent event) {
        return http.serve(event, routes);
    }

    private Reply append(ApiRequest request) {
        request.caller().requireAppend();
        String type = request.id("aggregate_type");
        String id = request.id("aggregate_id");
        AppendBody body = AppendBody.parse(request.jsonBody());
        AppendResult result = events.append(new AppendRequest(request.caller().tenantId(), type, id, body.expected(),
                body.events(), request.caller().userId(), body.correlationId(), body.causationId()));
        Appended answer = new Appended(id, type, result.lastVersion(), result.correlationId(),
                result.positions().stream().map(p -> new Appended.Position(p.eventId(), p.version())).toList());
        return result.duplicate() ? Reply.ok(answer) : Reply.created(answer);
    }

    /** The answer: where the events were stored. */
    record Appended(String aggregateId, String aggregateType, long aggregateVersion, String correlationId,
                    List<Position> events) {

        record Position(String eventId, long aggregateVersion) {
        }
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return appendEvents(event);
    }
}
