package coop.stream;

import coop.app.Envelope;

/**
 * What the feed publishes: the API's envelope, and the tenant, which a consumer of a bus shared by every co-op
 * needs and an HTTP caller (always inside one tenant) does not.
 */
public record FeedEvent(String tenantId, Envelope envelope) {
}
