package coop.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the payload-2.0 event API Gateway sends for one route, as a test would see it in AWS: route key, raw path
 * (percent-encoded), decoded path and query parameters, and the JWT claims as strings.
 */
public final class ApiCall {

    private final String method;
    private final String template;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private Map<String, String> claims;
    private String body;
    private boolean withRouteKey = true;

    private ApiCall(String routeKey, String... parameters) {
        int space = routeKey.indexOf(' ');
        this.method = routeKey.substring(0, space);
        this.template = routeKey.substring(space + 1);
        int i = 0;
        for (String segment : template.split("/")) {
            if (segment.startsWith("{")) {
                pathParameters.put(segment.substring(1, segment.length() - 1), parameters[i++]);
            }
        }
    }

    /** A call of {@code routeKey}, e.g. {@code GET /events/{event_id}}, with its path parameters in order. */
    public static ApiCall to(String routeKey, String... pathParameters) {
        return new ApiCall(routeKey, pathParameters);
    }

    public ApiCall query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiCall body(String json) {
        this.body = json;
        return this;
    }

    public ApiCall as(Map<String, String> claims) {
        this.claims = claims;
        return this;
    }

    /** Leaves the route key out, so the function must route by method and raw path. */
    public ApiCall withoutRouteKey() {
        this.withRouteKey = false;
        return this;
    }

    public String routeKey() {
        return method + " " + template;
    }

    public APIGatewayV2HTTPEvent event() {
        String rawPath = template;
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            rawPath = rawPath.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
        }
        StringJoiner rawQuery = new StringJoiner("&");
        query.forEach((name, value) -> rawQuery.add(encode(name) + "=" + encode(value)));

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRouteKey(withRouteKey ? routeKey() : null);
        if (claims != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(claims);
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            context.setAuthorizer(authorizer);
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(withRouteKey ? routeKey() : null);
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery.toString());
        event.setQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query));
        event.setPathParameters(pathParameters.isEmpty() || !withRouteKey ? null : Map.copyOf(pathParameters));
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(body);
        event.setRequestContext(context);
        return event;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
