package coop.store;

import java.util.OptionalLong;

/**
 * How often deliveries of one aggregate have failed on the same event, counted durably across invocations.
 *
 * @param failingVersion the event the count is about: a failure on another event starts the count again
 * @param attempts       deliveries that failed on it
 * @param parkedFrom     the first parked version, once the aggregate is parked
 */
public record FamilyFailures(long failingVersion, long attempts, OptionalLong parkedFrom) {

    public boolean parked() {
        return parkedFrom.isPresent();
    }
}
