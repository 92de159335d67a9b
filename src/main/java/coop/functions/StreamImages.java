package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.store.RecordedEvent;

import java.util.List;
import java.util.Optional;

/**
 * What the stream function needs from the store to read a batch: the events its records carry, then opened. The
 * store's DynamoDB side answers it (wired in {@code config}), so that this layer never learns the table's item layout.
 */
public interface StreamImages {

    /**
     * The event of an {@code INSERT} record, as stored (personal values sealed); empty for other records.
     *
     * @throws IllegalArgumentException when the record does not read as an event
     */
    Optional<RecordedEvent> event(DynamodbEvent.DynamodbStreamRecord record);

    /** The events with their personal values opened, in memory only. */
    List<RecordedEvent> open(List<RecordedEvent> events);
}
