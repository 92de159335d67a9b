package coop.functions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import coop.app.DerivedIds;
import coop.app.Json;
import coop.app.ProposedEvent;
import coop.domain.SystemOnlyEvents;
import coop.functions.http.ApiError;
import coop.functions.http.Problem;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /aggregates/{type}/{id}/events}, checked field by field. Every problem is collected, so
 * one 400 answer names them all (up to {@link ApiError#MAX_PROBLEMS}); payloads are checked against their schemas
 * later, by the event service. More events than {@code EventStore.MAX_EVENTS_PER_APPEND} are a 413 before any is read.
 */
record AppendBody(ExpectedVersion expected, Optional<String> correlationId, Optional<String> causationId,
                  List<ProposedEvent> events) {

    private static final Set<String> FIELDS = Set.of("expected_version", "correlation_id", "causation_id", "events");
    private static final Set<String> EVENT_FIELDS = Set.of("event_id", "event_type", "event_version", "event_data");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    static AppendBody parse(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        unknownFields(body, FIELDS, "", problems);
        ExpectedVersion expected = expectedVersion(body.get("expected_version"), problems);
        Optional<String> correlationId = optionalId(body, "correlation_id", "correlation_id", problems);
        Optional<String> causationId = optionalId(body, "causation_id", "causation_id", problems);
        List<ProposedEvent> events = new ArrayList<>();
        JsonNode array = body.get("events");
        if (array == null || !array.isArray()) {
            problems.add(new Problem("events", "is required: a list of events"));
        } else if (array.isEmpty()) {
            problems.add(new Problem("events", "must hold at least one event"));
        } else {
            // Before looking at each one: a flood of events is refused for its count, not listed problem by problem.
            EventStore.requireAppendable(array.size());
            for (int i = 0; i < array.size(); i++) {
                event(array.get(i), "events[" + i + "]", problems).ifPresent(events::add);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        return new AppendBody(expected, correlationId, causationId, events);
    }

    private static ExpectedVersion expectedVersion(JsonNode node, List<Problem> problems) {
        if (node != null && node.isTextual() && node.asText().equals("any")) {
            return ExpectedVersion.any();
        }
        if (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return ExpectedVersion.exactly(node.asLong());
        }
        problems.add(new Problem("expected_version", node == null || node.isNull()
                ? "is required: an integer >= 0 (0: the aggregate must not exist yet) or \"any\""
                : "must be an integer >= 0 or \"any\""));
        return ExpectedVersion.any();
    }

    /** One proposed event of a request's {@code events} list; shared with what-if requests, which take the same. */
    static Optional<ProposedEvent> event(JsonNode node, String path, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object"));
            return Optional.empty();
        }
        int before = problems.size();
        unknownFields(node, EVENT_FIELDS, path + ".", problems);
        Optional<String> eventId = optionalId(node, "event_id", path + ".event_id", problems);
        if (eventId.filter(DerivedIds::isReserved).isPresent()) {
            problems.add(new Problem(path + ".event_id", "must not start with \"" + DerivedIds.NAMESPACE
                    + "\": ids there are reserved for events the system derives (trigger follow-ups, reverts, "
                    + "overdue notices)"));
        }
        JsonNode type = node.get("event_type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            problems.add(new Problem(path + ".event_type", "is required: a string"));
        } else if (type.asText().length() > 200) {
            problems.add(new Problem(path + ".event_type", "is not an event type"));
        } else if (SystemOnlyEvents.isSystemOnly(type.asText())) {
            problems.add(new Problem(path + ".event_type", "is appended only by the system (\"" + type.asText()
                    + "\" records what the notifier did), never through the API"));
        }
        Optional<Integer> version = Optional.empty();
        JsonNode versionNode = node.get("event_version");
        if (versionNode != null && !versionNode.isNull()) {
            if (versionNode.isIntegralNumber() && versionNode.canConvertToInt() && versionNode.asInt() >= 1) {
                version = Optional.of(versionNode.asInt());
            } else {
                problems.add(new Problem(path + ".event_version", "must be an integer >= 1"));
            }
        }
        JsonNode data = node.get("event_data");
        if (data == null || !data.isObject()) {
            problems.add(new Problem(path + ".event_data", "is required: an object"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ProposedEvent(eventId, type.asText(), version, Json.mapper().convertValue(data, OBJECT)));
    }

    private static Optional<String> optionalId(JsonNode parent, String name, String path, List<Problem> problems) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || !StreamId.isValidId(node.asText())) {
            problems.add(new Problem(path, "must be 1-200 characters of letters, digits and _ . : @ -"));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    static void unknownFields(JsonNode node, Set<String> known, String prefix, List<Problem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem(prefix + (name.length() > 100 ? name.substring(0, 100) + "…" : name),
                        "is not a field of this request" + ("user_id".equals(name)
                                ? " (the user id comes from the token)" : "")));
            }
        }
    }
}
