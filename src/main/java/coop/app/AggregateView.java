package coop.app;

import java.util.Map;

/** An aggregate's state as served to readers: a JSON object in the system's conventions, and its version. */
public record AggregateView(String aggregateId, String aggregateType, long aggregateVersion, Map<String, Object> state) {
}
