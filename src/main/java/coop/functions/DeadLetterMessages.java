package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.admin.DeadLetter;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a message of the stream's on-failure destination: Lambda's invocation record, whose
 * {@code DDBStreamBatchInfo} names the failed batch's shard, sequence numbers and arrival times.
 */
public final class DeadLetterMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterMessages() {
    }

    /** @throws IllegalArgumentException when the message is not such a record */
    public static DeadLetter read(JsonNode message) {
        JsonNode body = message;
        if (message.isTextual()) {
            try {
                body = JSON.readTree(message.asText());
            } catch (Exception e) {
                throw new IllegalArgumentException("a dead letter body is not JSON: " + e.getMessage());
            }
        }
        JsonNode batch = body.path("DDBStreamBatchInfo");
        if (!batch.isObject()) {
            throw new IllegalArgumentException("a dead letter has no DDBStreamBatchInfo: " + abbreviate(body));
        }
        return new DeadLetter(batch.path("shardId").asText(), batch.path("startSequenceNumber").asText(),
                batch.path("endSequenceNumber").asText(), instant(batch, "approximateArrivalOfFirstRecord"),
                instant(batch, "approximateArrivalOfLastRecord"));
    }

    private static Instant instant(JsonNode batch, String field) {
        try {
            return Instant.parse(batch.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DDBStreamBatchInfo." + field + " is not an ISO-8601 instant: "
                    + abbreviate(batch.path(field)));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
