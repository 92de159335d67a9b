package coop.app;

import java.util.List;

/**
 * What a revert did.
 *
 * @param correlationId the correlation of the compensating events (the same for every revert of one correlation)
 * @param appended      whether this call stored any event; false when everything was reverted before
 */
public record RevertResult(String correlationId, List<Reverted> reverted, List<Skipped> skipped, boolean appended) {

    public RevertResult {
        reverted = List.copyOf(reverted);
        skipped = List.copyOf(skipped);
    }

    /** An event that is compensated, by this call or an earlier revert of the same correlation. */
    public record Reverted(String originalEventId, String compensatingEventId, String aggregateId, long aggregateVersion) {
    }

    /** An event that is left as it is, and why. */
    public record Skipped(String eventId, String reason) {
    }
}
