package coop.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.functions.http.Route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the payload-2.0 event API Gateway would send for a local request, including the JWT claims an authorizer
 * would pass on. The token is NOT verified: this runs only in the dev and test profiles, on the loopback address.
 */
final class LocalEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalEvents() {
    }

    /** A request as the local server received it: the raw path and query, exactly as sent. */
    record Received(String method, String rawPath, String rawQuery, Map<String, String> headers, String protocol,
                    String sourceIp, String body) {
    }

    static APIGatewayV2HTTPEvent of(Received received, Route route, Map<String, String> pathParameters) {
        String method = received.method().toUpperCase(Locale.ROOT);
        String rawPath = received.rawPath();
        String rawQuery = received.rawQuery();
        String body = received.body();
        Map<String, String> headers = new LinkedHashMap<>();
        received.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        http.setProtocol(received.protocol());
        http.setSourceIp(received.sourceIp());
        http.setUserAgent(headers.get("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(route.key());
        context.setStage("$default");
        context.setRequestId(UUID.randomUUID().toString());
        context.setTimeEpoch(Instant.now().toEpochMilli());
        context.setHttp(http);
        Map<String, String> claims = claims(headers.get("authorization"));
        if (!claims.isEmpty()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(claims);
            jwt.setScopes(List.of());
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            context.setAuthorizer(authorizer);
        }

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.key());
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setQueryStringParameters(rawQuery == null || rawQuery.isEmpty() ? null : query(rawQuery));
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
        event.setHeaders(headers);
        event.setBody(body == null || body.isEmpty() ? null : body);
        event.setIsBase64Encoded(false);
        event.setRequestContext(context);
        return event;
    }

    /** Repeated parameters are joined with commas, as API Gateway does. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** The claims of an unverified {@code Bearer header.payload.signature}; none when absent or unreadable. */
    static Map<String, String> claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Map.of();
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length < 2) {
            return Map.of();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1].replace('+', '-').replace('/', '_')
                    .replace("=", "")));
            if (payload == null || !payload.isObject()) {
                return Map.of();
            }
            Map<String, String> claims = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                claims.put(field.getKey(), render(field.getValue()));
            }
            return claims;
        } catch (Exception unreadable) {
            return Map.of();
        }
    }

    /** API Gateway passes every claim as a string, and renders an array as {@code [a b]}. */
    private static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isArray()) {
            StringBuilder text = new StringBuilder("[");
            value.forEach(item -> text.append(text.length() > 1 ? " " : "").append(item.isTextual() ? item.asText() : item.toString()));
            return text.append("]").toString();
        }
        return value.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
