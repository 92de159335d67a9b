package coop.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.app.Envelope;
import coop.stream.FeedEvent;
import coop.stream.FeedPublisher;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Publishes envelopes to an EventBridge bus: source e.g. {@code coop.events}, detail type = the event type. */
public final class EventBridgeFeedPublisher implements FeedPublisher {

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
    public void publish(FeedEvent event) {
        Envelope envelope = event.envelope();
        ObjectNode detail = json.valueToTree(envelope);
        detail.put("tenant_id", event.tenantId());
        PutEventsResponse response = eventBridge.putEvents(request -> request.entries(PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(envelope.eventType())
                .detail(detail.toString())
                .time(envelope.eventTimestamp())
                .build()));
        // PutEvents answers 200 even when an entry was refused; only the per-entry result tells.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().getFirst();
            throw new IllegalStateException("EventBridge refused event " + envelope.eventId() + ": "
                    + entry.errorCode() + " " + entry.errorMessage());
        }
    }
}
