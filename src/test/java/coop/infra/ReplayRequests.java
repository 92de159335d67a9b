package coop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.functions.ReplayRequest;
import coop.functions.ReplayRequest.ParkedStream;
import coop.functions.ReplayRequest.StreamRange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The operator's {@code replayEvents} payloads, one kind each. */
final class ReplayRequests {

    private ReplayRequests() {
    }

    static ReplayRequest parked(String tenant, String familyId) {
        return new ReplayRequest(null, null, List.of(new ParkedStream(tenant, "Family", familyId)), false);
    }

    static ReplayRequest range(String tenant, String familyId, long from, long to) {
        return new ReplayRequest(null, List.of(new StreamRange(tenant, "Family", familyId, from, to)), null, false);
    }

    static ReplayRequest allParked() {
        return new ReplayRequest(null, null, null, true);
    }

    /** A message of the stream's on-failure queue naming a failed batch of the last minutes. */
    static ReplayRequest deadLetter() {
        Instant now = Instant.now();
        JsonNode message = Json.mapper().createObjectNode().set("DDBStreamBatchInfo", Json.mapper().createObjectNode()
                .put("shardId", "shardId-00000001")
                .put("startSequenceNumber", "1")
                .put("endSequenceNumber", "999999999999")
                .put("approximateArrivalOfFirstRecord", now.minus(5, ChronoUnit.MINUTES).toString())
                .put("approximateArrivalOfLastRecord", now.toString()));
        return new ReplayRequest(List.of(message), null, null, false);
    }
}
