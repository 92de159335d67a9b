package coop.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** A conditional write found some of its versions already written; carries the stored items DynamoDB returned. */
final class PositionTaken extends Exception {

    private final List<Map<String, AttributeValue>> storedItems;

    PositionTaken(List<Map<String, AttributeValue>> storedItems) {
        super(null, null, false, false);
        this.storedItems = List.copyOf(storedItems);
    }

    List<Map<String, AttributeValue>> storedItems() {
        return storedItems;
    }
}
