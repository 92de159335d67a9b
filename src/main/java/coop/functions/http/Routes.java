package coop.functions.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The routes of one function and their handlers; build it once, in the function's constructor. */
public final class Routes {

    /** Serves one matched request. Throws {@link ApiError} (or a store/domain exception) for any other answer. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(ApiRequest request);
    }

    record Entry(Route route, Handler handler) {
    }

    /** A matched route, its handler and its path parameters. */
    record Match(Entry entry, Map<String, String> pathParameters) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public static Routes create() {
        return new Routes();
    }

    /** Adds a route by its API Gateway route key, e.g. {@code GET /events/{event_id}}. */
    public Routes on(String routeKey, Handler handler) {
        entries.add(new Entry(Route.of(routeKey), handler));
        entries.sort(Comparator.comparingInt((Entry e) -> e.route().specificity()).reversed());
        return this;
    }

    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /** By route key first (API Gateway and the local server set it), then by method and raw path. */
    Optional<Match> find(String routeKey, String method, String rawPath) {
        if (routeKey != null) {
            for (Entry entry : entries) {
                if (entry.route().key().equals(routeKey)) {
                    Optional<Map<String, String>> fromPath = entry.route().match(method, rawPath);
                    return Optional.of(new Match(entry, fromPath.orElse(Map.of())));
                }
            }
        }
        for (Entry entry : entries) {
            Optional<Map<String, String>> parameters = entry.route().match(method, rawPath);
            if (parameters.isPresent()) {
                return Optional.of(new Match(entry, parameters.get()));
            }
        }
        return Optional.empty();
    }
}
