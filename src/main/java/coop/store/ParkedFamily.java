package coop.store;

import java.time.Instant;

/**
 * A family (or any aggregate) whose events the stream set aside because they kept failing: the events from
 * {@code fromVersion} on are not applied by the live stream until an operator replays them ({@code replayEvents}
 * with {@code parked}).
 *
 * @param fromVersion  the first parked version; every later event of the stream is parked too
 * @param parkedEvents how many stream records were set aside (a record delivered again counts again)
 * @param attempts     how many deliveries failed, the ones that parked it included
 * @param lastError    the most recent failure, naming the event and the subscriber's error
 */
public record ParkedFamily(StreamId stream, long fromVersion, long parkedEvents, long attempts, String lastError,
                           Instant parkedAt) {
}
