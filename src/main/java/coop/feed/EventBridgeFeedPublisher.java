package coop.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.app.Envelope;
import coop.stream.FeedEvent;
import coop.stream.FeedPublisher;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes envelopes to an EventBridge bus (source e.g. {@code coop.events}, detail type = the event type), ten to a
 * {@code PutEvents} request, the most one request takes.
 */
public final class EventBridgeFeedPublisher implements FeedPublisher {

    /** EventBridge takes at most ten entries per {@code PutEvents}. */
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient eventBridge;
    private final String busName;
    private final String source;
    private final ObjectMapper json;

    public EventBridgeFeedPublisher(EventBridgeClient eventBridge, String busName, String source, ObjectMapper json) {
        this.eventBridge = eventBridge;
        this.busName = busName;
        this.source = source;
        this.json = json;
    }

    @Override
    public Map<String, String> publish(List<FeedEvent> events) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            List<FeedEvent> chunk = events.subList(from, Math.min(from + MAX_ENTRIES, events.size()));
            PutEventsResponse response = eventBridge.putEvents(request -> request.entries(
                    chunk.stream().map(this::entry).toList()));
            // PutEvents answers 200 even when entries were refused; only the per-entry results (in order) tell.
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                List<PutEventsResultEntry> results = response.entries();
                for (int i = 0; i < chunk.size() && i < results.size(); i++) {
                    PutEventsResultEntry result = results.get(i);
                    if (result.errorCode() != null) {
                        refused.put(chunk.get(i).envelope().eventId(),
                                result.errorCode() + " " + result.errorMessage());
                    }
                }
            }
        }
        return refused;
    }

    private PutEventsRequestEntry entry(FeedEvent event) {
        Envelope envelope = event.envelope();
        ObjectNode detail = json.valueToTree(envelope);
        detail.put("tenant_id", event.tenantId());
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(envelope.eventType())
                .detail(detail.toString())
                .time(envelope.eventTimestamp())
                .build();
    }
}
