package coop.functions.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer other than success, thrown from anywhere in a handler and turned into
 * {@code {"error": code, "message": message, ...extra}} with {@code status} by {@link HttpAdapter}.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public ApiError(int status, String code, String message, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    /**
     * The most problems one answer names. A body under the size limit can still hold hundreds of thousands of
     * mistakes (an unknown field each), and naming them all made answers of tens of MB: over Lambda's 6 MB response
     * limit, which API Gateway answers with a 5xx.
     */
    public static final int MAX_PROBLEMS = 50;

    public static ApiError invalid(List<Problem> problems) {
        List<Problem> named = problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
        String message = "The request is invalid: " + String.join("; ",
                named.stream().map(p -> p.field() + " " + p.problem()).toList())
                + (named.size() < problems.size() ? "; and " + (problems.size() - named.size()) + " more problems" : "");
        return new ApiError(400, "invalid_request", message, Map.of("details", List.copyOf(named)));
    }

    public static ApiError invalid(String field, String problem) {
        return invalid(List.of(new Problem(field, problem)));
    }

    public static ApiError unauthenticated(String message) {
        return new ApiError(401, "unauthenticated", message, Map.of());
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, Map.of());
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, Map.of());
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON body: error, message, then the extra fields. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", getMessage());
        body.putAll(extra);
        return body;
    }
}
