package coop.functions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What {@code replayEvents} replays: the on-failure queue's message bodies as they are (objects, or the strings
 * {@code aws sqs receive-message --query 'Messages[].Body'} prints), aggregates with version ranges, and/or
 * parked aggregates (their parked events, in order; un-parked once they all go through), or every parked aggregate
 * ({@code "all_parked": true}).
 */
public record ReplayRequest(@JsonProperty("dead_letters") List<JsonNode> deadLetters,
                            @JsonProperty("streams") List<StreamRange> streams,
                            @JsonProperty("parked") List<ParkedStream> parked,
                            @JsonProperty("all_parked") boolean allParked) {

    /** An aggregate the stream parked, as {@code GET /projections} lists it. */
    public record ParkedStream(@JsonProperty("tenant_id") String tenantId,
                               @JsonProperty("aggregate_type") String aggregateType,
                               @JsonProperty("aggregate_id") String aggregateId) {
    }

    /** One aggregate's events with {@code from_version <= version <= to_version}. */
    public record StreamRange(@JsonProperty("tenant_id") String tenantId,
                              @JsonProperty("aggregate_type") String aggregateType,
                              @JsonProperty("aggregate_id") String aggregateId,
                              @JsonProperty("from_version") long fromVersion,
                              @JsonProperty("to_version") long toVersion) {
    }
}
