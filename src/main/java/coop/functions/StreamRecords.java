package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import coop.store.RecordedEvent;
import coop.store.dynamodb.EventItems;

import java.util.Optional;

/** Reads the stored event out of a DynamoDB stream record of the events table. */
public final class StreamRecords {

    private StreamRecords() {
    }

    /**
     * The event of an {@code INSERT} record; empty for other records (events are never modified or removed, but a
     * table's stream carries whatever happens to it, e.g. an operator's fix).
     */
    public static Optional<RecordedEvent> event(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null
                || record.getDynamodb().getNewImage() == null) {
            return Optional.empty();
        }
        return Optional.of(EventItems.fromItem(
                DynamodbAttributeValueTransformer.toAttributeValueMapV2(record.getDynamodb().getNewImage())));
    }
}
