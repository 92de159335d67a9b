package coop.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.Map;
import java.util.Optional;

/**
 * Where a single page read stopped, for the reads that answer one page and mint an API page token from it. Reads
 * that want every page use the SDK's paginators instead, which stop on the same rule.
 */
final class LastKeys {

    private LastKeys() {
    }

    /** The key the next page starts after; empty when this page was the last (the SDK may send an empty map). */
    static Optional<Map<String, AttributeValue>> of(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(page.lastEvaluatedKey()) : Optional.empty();
    }

    /** @see #of(QueryResponse) */
    static Optional<Map<String, AttributeValue>> of(ScanResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(page.lastEvaluatedKey()) : Optional.empty();
    }
}
