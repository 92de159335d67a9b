package coop.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import coop.app.Json;
import coop.functions.http.HttpFunction;
import coop.functions.http.Route;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Sends {@link ApiCall}s to the function bean that serves their route, as API Gateway would, and holds every
 * exchange to openapi.yaml ({@link ApiContract}).
 */
@Singleton
public class ApiClient {

    @Inject
    Instance<HttpFunction> functions;

    public Answer send(ApiCall call) {
        Route route = Route.of(call.routeKey());
        for (HttpFunction function : functions) {
            if (function.routes().contains(route)) {
                return send(function, call);
            }
        }
        throw new AssertionError("no function serves " + call.routeKey());
    }

    /** Sends the call to {@code function}, e.g. one a test built by hand around a part it holds back. */
    public Answer send(HttpFunction function, ApiCall call) {
        APIGatewayV2HTTPEvent event = call.event();
        APIGatewayV2HTTPResponse response = function.handle(event);
        ApiContract.check(event, response);
        return Answer.of(response);
    }

    /** A response with its body parsed. */
    public record Answer(int status, JsonNode body, String rawBody, String contentType) {

        static Answer of(APIGatewayV2HTTPResponse response) {
            String contentType = response.getHeaders() == null ? "" : response.getHeaders().getOrDefault("content-type", "");
            if (!contentType.startsWith("application/json")) {
                return new Answer(response.getStatusCode(), MissingNode.getInstance(), response.getBody(), contentType);
            }
            try {
                return new Answer(response.getStatusCode(), Json.mapper().readTree(response.getBody()), response.getBody(),
                        contentType);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + response.getBody(), e);
            }
        }

        public String error() {
            return body.path("error").asText();
        }

        @Override
        public String toString() {
            return status + " " + rawBody;
        }
    }
}
