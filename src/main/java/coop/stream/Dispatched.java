package coop.stream;

import coop.store.RecordedEvent;

import java.util.List;
import java.util.Map;

/**
 * What a batch through the dispatcher came to.
 *
 * @param failed               the events some subscriber could not handle, in the order given: delivered again
 * @param failuresBySubscriber how many events each subscriber that failed could not handle
 */
public record Dispatched(List<RecordedEvent> failed, Map<String, Integer> failuresBySubscriber) {

    public Dispatched {
        failed = List.copyOf(failed);
        failuresBySubscriber = Map.copyOf(failuresBySubscriber);
    }
}
