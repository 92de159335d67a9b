package coop.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.app.InvalidEvents;
import coop.app.Json;
import coop.app.UnknownAggregateType;
import coop.app.UnknownField;
import coop.domain.RuleViolation;
import coop.store.AppendTooLarge;
import coop.store.ConcurrencyConflict;
import coop.store.EventIdConflict;
import coop.store.ExpectedVersion;
import coop.store.InvalidPageToken;
import coop.store.KeyErased;
import coop.store.StoreBusy;
import coop.admin.UnknownProjection;
import coop.observability.HttpRequestLog;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The HTTP layer every API function shares: finds the route, reads the caller, runs the handler and turns its
 * {@link Reply} or exception into an API Gateway response with API.md's JSON error bodies. Knows nothing of any
 * particular route.
 */
@Singleton
public class HttpAdapter {

    private static final Logger LOG = Logger.getLogger(HttpAdapter.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** Cancellation reasons of a transaction that DynamoDB throttled. */
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded");

    private final Callers callers;
    private final HttpRequestLog requestLog;

    public HttpAdapter(Callers callers, HttpRequestLog requestLog) {
        this.callers = callers;
        this.requestLog = requestLog;
    }

    /** Serves {@code event} with one of {@code routes}; never throws. Logs and measures every answer. */
    public APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Routes routes) {
        long started = System.nanoTime();
        String route = ServedFacts.UNMATCHED;
        String tenant = null;
        APIGatewayV2HTTPResponse response;
        try {
            String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                    ? event.getRequestContext().getHttp().getMethod() : null;
            String rawPath = Optional.ofNullable(event.getRawPath()).orElse("/");
            Optional<Routes.Match> match = routes.find(event.getRouteKey(), method, rawPath);
            if (match.isEmpty()) {
                throw ApiError.notFound("There is no route " + method + " " + rawPath);
            }
            route = match.get().entry().route().key();
            Caller caller = callers.of(event);
            tenant = caller.tenantId();
            Map<String, String> parameters = new LinkedHashMap<>(match.get().pathParameters());
            if (event.getPathParameters() != null) {
                parameters.putAll(event.getPathParameters());
            }
            Reply reply = match.get().entry().handler().handle(new ApiRequest(event, caller, parameters));
            response = reply.body() instanceof TextBody text
                    ? text(reply.status(), text) : json(reply.status(), reply.body());
        } catch (Throwable failure) {
            response = error(failure);
        }
        ServedFacts.log(requestLog, event, route, tenant, response, started);
        return response;
    }

    /** The error answer for {@code failure}; unexpected ones are logged and answered 500 with a generic message. */
    public static APIGatewayV2HTTPResponse error(Throwable failure) {
        ApiError error = switch (failure) {
            case ApiError api -> api;
            case InvalidEvents invalid -> ApiError.invalid(invalid.problems().stream()
                    .map(p -> new Problem(p.field(), p.problem())).toList());
            case UnknownAggregateType unknown -> new ApiError(404, "unknown_aggregate_type", unknown.getMessage(), Map.of());
            case UnknownField unknown -> ApiError.invalid("field", unknown.getMessage());
            case UnknownProjection unknown -> ApiError.notFound(unknown.getMessage());
            case InvalidPageToken token -> ApiError.invalid("page_token", "is not a token this query handed out");
            case ConcurrencyConflict conflict -> new ApiError(409, "concurrency_conflict", conflict.getMessage(),
                    Map.of("expected_version", expected(conflict.expected()), "actual_version", conflict.actual()));
            case EventIdConflict conflict -> new ApiError(409, "event_id_conflict", conflict.getMessage(),
                    storedAt(conflict));
            case AppendTooLarge tooLarge -> ApiError.tooLarge(tooLarge.getMessage());
            case RuleViolation violation -> new ApiError(422, "rule_violation", violation.getMessage(), Map.of());
            case KeyErased erased -> new ApiError(422, "rule_violation", erased.getMessage(), Map.of());
            // DynamoDB unreachable, too slow (the client's time limits) or throttling: a retry later may succeed.
            case SdkClientException unreachable -> unavailable(unreachable);
            case StoreBusy busy -> unavailable(busy);
            case TransactionCanceledException cancelled when throttled(cancelled) -> unavailable(cancelled);
            case SdkServiceException service when service.isThrottlingException() || service.statusCode() >= 500 ->
                    unavailable(service);
            default -> {
                String reference = UUID.randomUUID().toString();
                LOG.errorf(failure, "Unexpected failure serving a request (reference %s)", reference);
                yield new ApiError(500, "internal_error",
                        "Something went wrong on our side; the reference is " + reference, Map.of());
            }
        };
        return json(error.status(), error.body());
    }

    /**
     * DynamoDB cancels a throttled transaction with a 400 that names the throttling per action, not with a throttling
     * error: the SDK does not retry it, and nothing was written, so it is the same "try again shortly".
     */
    private static boolean throttled(TransactionCanceledException cancelled) {
        return cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                .anyMatch(reason -> THROTTLED.contains(reason.code()));
    }

    /** The id, and where it is stored: the fields API.md's 409 event_id_conflict carries. */
    private static Map<String, Object> storedAt(EventIdConflict conflict) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_id", conflict.eventId());
        conflict.storedAt().ifPresent(at -> {
            fields.put("aggregate_type", at.aggregateType());
            fields.put("aggregate_id", at.aggregateId());
            fields.put("aggregate_version", at.aggregateVersion());
        });
        return fields;
    }

    private static ApiError unavailable(Exception cause) {
        // The SDK's message says "unable to execute"; the host or socket that failed is in the deepest cause.
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warnf("The store is unavailable: %s%s", cause, root == cause ? "" : " (caused by " + root + ")");
        return new ApiError(503, "unavailable", "The event store is unavailable right now; try again shortly", Map.of());
    }

    private static Object expected(ExpectedVersion expected) {
        return expected instanceof ExpectedVersion.Exactly exactly ? exactly.version() : expected.toString();
    }

    private static APIGatewayV2HTTPResponse text(int status, TextBody body) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(Map.of("content-type", body.contentType()));
        response.setCookies(List.of());
        response.setBody(body.text());
        response.setIsBase64Encoded(false);
        return response;
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            LOG.error("Could not serialise an answer", e);
            status = 500;
            text = "{\"error\":\"internal_error\",\"message\":\"Something went wrong on our side\"}";
        }
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(Map.of("content-type", "application/json"));
        response.setCookies(List.of());
        response.setBody(text);
        response.setIsBase64Encoded(false);
        return response;
    }
}
