package coop.app;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An aggregate's state as served to readers: a JSON object in the system's conventions, and its version.
 *
 * @param erasedFields the state's fields that are null because the aggregate's personal data was erased (e.g.
 *                     {@code children.child_name}); left out of the JSON when there are none
 */
public record AggregateView(String aggregateId, String aggregateType, long aggregateVersion, Map<String, Object> state,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> erasedFields) {
}
