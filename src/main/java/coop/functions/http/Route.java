package coop.functions.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One API route as API Gateway names it, e.g. {@code GET /events/{event_id}}: the route key is the same in AWS,
 * in the local server and in tests.
 */
public record Route(String method, String path) {

    public Route {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with /: " + path);
        }
    }

    /** Parses a route key such as {@code POST /correlations/{correlation_id}/revert}. */
    public static Route of(String routeKey) {
        int space = routeKey.indexOf(' ');
        return new Route(routeKey.substring(0, space), routeKey.substring(space + 1));
    }

    public String key() {
        return method + " " + path;
    }

    /**
     * The path parameters, decoded, when {@code rawPath} (as sent, percent-encoded) matches this route's template.
     */
    public Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] template = segments(path);
        String[] actual = segments(rawPath);
        if (template.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{") && template[i].endsWith("}")) {
                String value = decode(actual[i]);
                if (value == null || value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(template[i].substring(1, template[i].length() - 1), value);
            } else if (!template[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** Literal segments count more than parameters, so {@code /events/search} would beat {@code /events/{id}}. */
    public int specificity() {
        return (int) Arrays.stream(segments(path)).filter(s -> !s.startsWith("{")).count();
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
