package coop.app;

import coop.store.ExpectedVersion;

import java.util.List;
import java.util.Optional;

/**
 * A request to append events to one aggregate, as the API or a trigger makes it.
 *
 * @param userId        who appends: the token's subject, or a trigger's name; never taken from a request body
 * @param correlationId empty to start a new correlation
 */
public record AppendRequest(
        String tenantId,
        String aggregateType,
        String aggregateId,
        ExpectedVersion expected,
        List<ProposedEvent> events,
        String userId,
        Optional<String> correlationId,
        Optional<String> causationId) {

    public AppendRequest {
        events = List.copyOf(events);
    }
}
