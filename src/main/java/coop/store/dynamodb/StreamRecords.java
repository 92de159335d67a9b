package coop.store.dynamodb;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import coop.store.RecordedEvent;

import java.util.Optional;

/** Reads the stored event out of a DynamoDB stream record of the events table: the table's item layout, so here. */
public final class StreamRecords {

    private StreamRecords() {
    }

    /**
     * The event of an {@code INSERT} record; empty for other records (events are never modified or removed, but a
     * table's stream carries whatever happens to it, e.g. the backfill's time keys or an operator's fix).
     *
     * @throws IllegalArgumentException for an {@code INSERT} without its new image (a stream not set to
     *                                  {@code NEW_IMAGE}): skipping it would lose the event for every subscriber, so
     *                                  it fails as a record, reaches the DLQ and can be replayed from the table
     */
    public static Optional<RecordedEvent> event(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName())) {
            return Optional.empty();
        }
        if (record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
            throw new IllegalArgumentException("an INSERT record without its new image: the events table's stream "
                    + "must carry NEW_IMAGE");
        }
        return Optional.of(EventItems.fromItem(
                DynamodbAttributeValueTransformer.toAttributeValueMapV2(record.getDynamodb().getNewImage())));
    }
}
