package coop.stream;

import coop.store.RecordedEvent;

import java.util.List;
import java.util.Map;

/**
 * What a batch through the dispatcher came to.
 *
 * @param failed               the events some subscriber could not handle, in the order given: delivered again
 * @param failuresBySubscriber how many events each subscriber that failed could not handle
 * @param failures             every subscriber's failures, with their errors (an event may fail in several)
 * @param parked               the events set aside with their parked aggregate ({@link FamilyParking}): handled as
 *                             far as the stream is concerned, applied when an operator replays them
 */
public record Dispatched(List<RecordedEvent> failed, Map<String, Integer> failuresBySubscriber,
                         List<Failure> failures, List<RecordedEvent> parked) {

    public Dispatched {
        failed = List.copyOf(failed);
        failuresBySubscriber = Map.copyOf(failuresBySubscriber);
        failures = List.copyOf(failures);
        parked = List.copyOf(parked);
    }
}
