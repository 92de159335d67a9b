package coop.app;

import java.util.Map;
import java.util.Optional;

/**
 * An event as a client proposes it, before validation.
 *
 * @param eventVersion the payload's schema version; empty for the latest
 * @param data         the parsed JSON payload
 */
public record ProposedEvent(Optional<String> eventId, String eventType, Optional<Integer> eventVersion,
                            Map<String, Object> data) {
}
