package coop.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DynamoDB's own accounting of item sizes (attribute name bytes plus value bytes), so an append that DynamoDB would
 * refuse is refused before any request, with a clear message.
 */
final class ItemSizes {

    /** DynamoDB's item size limit. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    /** DynamoDB's limit on the total size of one TransactWriteItems request. */
    static final int MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

    private ItemSizes() {
    }

    static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static int valueSize(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            // Numbers take about one byte per two significant digits, plus one; 21 bytes at most.
            return Math.min(21, value.n().length() / 2 + 2);
        }
        throw new IllegalArgumentException("only S and N attributes are written by the store");
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
