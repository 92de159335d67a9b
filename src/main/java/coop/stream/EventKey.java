package coop.stream;

import coop.store.RecordedEvent;

/**
 * What names one stored event across tenants: an event id is unique within its tenant only (two co-ops may both send
 * {@code enrolled-1}), so a batch that holds several tenants' events tells them apart by both.
 */
public record EventKey(String tenantId, String eventId) {

    public static EventKey of(RecordedEvent event) {
        return new EventKey(event.tenantId(), event.eventId());
    }
}
