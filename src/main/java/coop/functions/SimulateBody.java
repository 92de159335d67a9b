package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.ProposedEvent;
import coop.functions.http.ApiError;
import coop.functions.http.Problem;
import coop.store.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /aggregates/{type}/{id}/simulate}: {@code at_version} (optional, an integer >= 0) and
 * {@code events}, each event exactly as an append takes it. Every problem is collected into one 400.
 */
record SimulateBody(Optional<Long> atVersion, List<ProposedEvent> events) {

    private static final Set<String> FIELDS = Set.of("at_version", "events");

    static SimulateBody parse(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        AppendBody.unknownFields(body, FIELDS, "", problems);
        Optional<Long> atVersion = Optional.empty();
        JsonNode version = body.get("at_version");
        if (version != null && !version.isNull()) {
            if (version.isIntegralNumber() && version.canConvertToLong() && version.asLong() >= 0) {
                atVersion = Optional.of(version.asLong());
            } else {
                problems.add(new Problem("at_version", "must be an integer >= 0 (0: before the first event)"));
            }
        }
        List<ProposedEvent> events = new ArrayList<>();
        JsonNode array = body.get("events");
        if (array == null || !array.isArray() || array.isEmpty()) {
            problems.add(new Problem("events", "is required: a list of at least one event"));
        } else if (array.size() > EventStore.MAX_EVENTS_PER_APPEND) {
            throw ApiError.tooLarge("A simulation takes at most " + EventStore.MAX_EVENTS_PER_APPEND + " events, not "
                    + array.size());
        } else {
            for (int i = 0; i < array.size(); i++) {
                AppendBody.event(array.get(i), "events[" + i + "]", problems).ifPresent(events::add);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        return new SimulateBody(atVersion, events);
    }
}
