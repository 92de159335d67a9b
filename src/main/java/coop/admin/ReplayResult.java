package coop.admin;

import java.util.List;

/**
 * What a replay did.
 *
 * @param replayed       events handed to the subscribers again
 * @param failedEventIds those on which a subscriber failed again (its checkpoint has the error); replay them later
 */
public record ReplayResult(int replayed, List<String> failedEventIds) {

    public ReplayResult {
        failedEventIds = List.copyOf(failedEventIds);
    }
}
