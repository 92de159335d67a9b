package coop.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.observability.HttpRequestLog;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads what the request log needs from a request and its answer: ids only. The correlation id and event ids of a
 * write come from its answer (the store's view, with ids it generated); of a read, from its path or query.
 */
final class ServedFacts {

    static final String UNMATCHED = "unmatched";

    private static final Logger LOG = Logger.getLogger(ServedFacts.class);

    private ServedFacts() {
    }

    /** Never throws: a request is answered whatever its log line does. */
    static void log(HttpRequestLog log, APIGatewayV2HTTPEvent event, String route, String tenant,
                    APIGatewayV2HTTPResponse response, long startedNanos) {
        try {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            int status = response.getStatusCode();
            boolean write = route.startsWith("POST ");
            JsonNode body = status >= 400 || write ? Json.mapper().readTree(response.getBody()) : null;
            String correlation = body != null && body.hasNonNull("correlation_id") ? body.get("correlation_id").asText()
                    : parameter(event, "correlation_id");
            List<String> eventIds = new ArrayList<>();
            if (write && status < 300) {
                body.path("events").forEach(e -> eventIds.add(e.path("event_id").asText()));
            } else if (parameter(event, "event_id") != null) {
                eventIds.add(parameter(event, "event_id"));
            }
            String error = status >= 400 ? body.path("error").asText(null) : null;
            String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
            log.served(new HttpRequestLog.Served(requestId, route, status, millis, tenant, correlation,
                    List.copyOf(eventIds), error));
        } catch (Exception | LinkageError e) {
            LOG.warn("Could not log a request", e);
        }
    }

    private static String parameter(APIGatewayV2HTTPEvent event, String name) {
        for (Map<String, String> source : Arrays.asList(event.getPathParameters(), event.getQueryStringParameters())) {
            if (source != null && source.get(name) != null) {
                return source.get(name);
            }
        }
        return null;
    }
}
