package coop.store.dynamodb;

import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Chains a stream written before hash chains, for the backfill: walks it in version order from its first event and
 * gives each event without a {@code chain_hash} the one that follows its predecessor's. It stops, changing nothing
 * further, at a gap or at a stored hash that does not follow: tampering is for verification to report, never to be
 * chained over. Each write only adds a missing hash (or finds the same one), so walks that race, and appends that
 * race them (their write checks the hash of the event they follow), leave one consistent chain. It also stops at an
 * event the backfill has still to seal ({@code stillInClear}): the chain covers the stored form, and sealing rewrites
 * it; the backfill page that seals that event walks the stream again afterwards.
 */
final class StreamChaining {

    private final DynamoDbClient dynamo;
    private final String eventsTable;
    private final StreamReads reads;
    private final Predicate<RecordedEvent> stillInClear;

    StreamChaining(DynamoDbClient dynamo, String eventsTable, Predicate<RecordedEvent> stillInClear) {
        this.dynamo = dynamo;
        this.stillInClear = stillInClear;
        this.eventsTable = eventsTable;
        this.reads = new StreamReads(dynamo, eventsTable);
    }

    /** @return how many events were given their chain hash */
    int chain(StreamId stream) {
        Walk walk = new Walk();
        reads.eachPage(stream, page -> page.forEach(walk::step));
        return walk.chained;
    }

    private final class Walk {
        private String previous = EventChain.GENESIS;
        private long lastVersion;
        private boolean stopped;
        private int chained;

        void step(RecordedEvent event) {
            if (stopped || event.aggregateVersion() != lastVersion + 1 || stillInClear.test(event)) {
                stopped = true;
                return;
            }
            String hash = EventChain.next(previous, event);
            if (event.chainHash().isPresent() ? !event.chainHash().get().equals(hash) : !set(event, hash)) {
                stopped = true;
                return;
            }
            chained += event.chainHash().isPresent() ? 0 : 1;
            previous = hash;
            lastVersion = event.aggregateVersion();
        }
    }

    private boolean set(RecordedEvent event, String hash) {
        try {
            dynamo.updateItem(request -> request.tableName(eventsTable)
                    .key(Map.of(EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(event.stream())),
                            EventItems.VERSION, EventItems.n(event.aggregateVersion())))
                    .updateExpression("SET #h = :h")
                    // The item must still be the one hashed: a change since the read is not chained over.
                    .conditionExpression("#d = :d AND (attribute_not_exists(#h) OR #h = :h)")
                    .expressionAttributeNames(Map.of("#h", EventItems.CHAIN_HASH, "#d", EventItems.EVENT_DATA))
                    .expressionAttributeValues(Map.of(":h", EventItems.s(hash), ":d", EventItems.s(event.data()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }
}
