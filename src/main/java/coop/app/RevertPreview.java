package coop.app;

import java.util.List;
import java.util.Map;

/**
 * What a revert of a correlation would do now, computed without storing anything.
 *
 * @param correlationId the correlation the compensating events would be appended under
 */
public record RevertPreview(String correlationId, List<WouldAppend> wouldAppend,
                            List<RevertResult.Reverted> alreadyReverted, List<RevertResult.Skipped> skipped) {

    public RevertPreview {
        wouldAppend = List.copyOf(wouldAppend);
        alreadyReverted = List.copyOf(alreadyReverted);
        skipped = List.copyOf(skipped);
    }

    /** A compensating event exactly as the revert would append it, and the version it would land at. */
    public record WouldAppend(String originalEventId, String compensatingEventId, String aggregateId,
                              String aggregateType, long aggregateVersion, String eventType,
                              Map<String, Object> eventData) {
    }
}
