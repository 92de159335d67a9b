package coop.store.dynamodb;

import coop.store.AppendResult;
import coop.store.AppendResult.Position;
import coop.store.AppendTooLarge;
import coop.store.ConcurrencyConflict;
import coop.store.EventIdConflict;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.StreamHead;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Appends at an exact version, with each event id reserved in the same transaction: one request per append, and a
 * retry recognised from the id items DynamoDB hands back with the failed conditions. Each event is chained on its
 * predecessor ({@link EventChain}); the predecessor's hash, from the caller's head, is checked in that request.
 */
final class Appends {

    private final ConditionalWrites writes;
    private final StreamReads reads;
    private final EventIdReads ids;
    private final Clock clock;
    private final PersonalData personal;

    Appends(ConditionalWrites writes, StreamReads reads, EventIdReads ids, Clock clock, PersonalData personal) {
        this.writes = writes;
        this.reads = reads;
        this.ids = ids;
        this.clock = clock;
        this.personal = personal;
    }

    AppendResult append(StreamId stream, StreamHead head, List<NewEvent> events, EventMetadata metadata) {
        List<NewEvent> identified = withIds(events);
        ExpectedVersion.Exactly expected = head.expected();
        // Known to the caller (from its load), or one keyed read: a stream before chains, an old snapshot.
        Optional<String> previousHash = head.version() == 0 ? Optional.of(EventChain.GENESIS)
                : head.chainHash().or(() -> reads.chainHash(stream, head.version()));
        Optional<AppendResult> result = attempt(stream, expected, previousHash, identified, metadata,
                expected.version() > 0);
        // Empty only when another append gave the aggregate its key first: this one then seals under that key.
        return result.or(() -> attempt(stream, expected, previousHash, identified, metadata, true)).orElseThrow(
                () -> new ConcurrencyConflict(stream, expected, reads.currentVersion(stream)));
    }

    private Optional<AppendResult> attempt(StreamId stream, ExpectedVersion.Exactly expected,
                                           Optional<String> previousHash, List<NewEvent> identified,
                                           EventMetadata metadata, boolean keyMayExist) {
        Instant now = Timestamps.truncate(clock.instant());
        long after = expected.version();
        PersonalData.Sealed sealed = personal.seal(stream, after, identified, keyMayExist);
        // Built once and checked as written: every attempt of a retry loop checks the items it sends.
        List<RecordedEvent> chained = chained(previousHash,
                recorded(stream, after, identified, sealed.data(), metadata, now));
        List<Map<String, AttributeValue>> eventItems = chained.stream().map(EventItems::toItem).toList();
        List<Map<String, AttributeValue>> idItems = idItems(stream, after, identified, metadata,
                event -> personal.fingerprint(stream, event, sealed::key));
        checkSizes(eventItems, idItems);
        Optional<ConditionalWrites.Cancelled> cancelled = writes.write(previous(stream, after, previousHash),
                eventItems, idItems, sealed.newKey().map(key -> new ConditionalWrites.KeyWrite(key.item(), true)));
        if (cancelled.isEmpty()) {
            sealed.newKey().ifPresent(key -> personal.written(stream, key));
            return Optional.of(stored(stream, after, identified, metadata, chained.getLast().chainHash()));
        }
        // The usual retry after a lost answer: DynamoDB has just handed back every id item, no read needed.
        List<Optional<EventIdItems.StoredId>> storedIds = cancelled.get().storedIds().stream()
                .map(item -> item.map(EventIdItems::fromItem)).toList();
        if (cancelled.get().idsUnclear()) {
            storedIds = ids.find(stream.tenantId(), identified);
        }
        // Judged with the stored key: this attempt's may be a new one that lost to another append's.
        Optional<AppendResult> earlier = StoredIds.judge(stream, identified, storedIds, fingerprints(stream));
        if (earlier.isPresent()) {
            return earlier;
        }
        if (cancelled.get().keyTaken() && !cancelled.get().versionTaken()) {
            return Optional.empty();
        }
        throw new ConcurrencyConflict(stream, expected, reads.currentVersion(stream));
    }

    /** See {@link EventStore#appendErasure}: the event and the record that replaces the key, in one transaction. */
    AppendResult appendErasure(StreamId stream, StreamHead head, NewEvent erasure, EventMetadata metadata) {
        List<NewEvent> identified = withIds(List.of(erasure));
        Instant now = Timestamps.truncate(clock.instant());
        long after = head.version();
        Optional<String> previousHash = after == 0 ? Optional.of(EventChain.GENESIS)
                : head.chainHash().or(() -> reads.chainHash(stream, after));
        List<RecordedEvent> chained = chained(previousHash,
                recorded(stream, after, identified, List.of(erasure.data()), metadata, now));
        List<Map<String, AttributeValue>> eventItems = chained.stream().map(EventItems::toItem).toList();
        List<Map<String, AttributeValue>> idItems = idItems(stream, after, identified, metadata, Fingerprints::plain);
        checkSizes(eventItems, idItems);
        ConditionalWrites.KeyWrite erased = new ConditionalWrites.KeyWrite(KeyItems.erasedItem(stream,
                identified.getFirst().eventId().orElseThrow(), after + 1, now), false);
        if (writes.write(previous(stream, after, previousHash), eventItems, idItems, Optional.of(erased))
                .isPresent()) {
            throw new ConcurrencyConflict(stream, head.expected(), reads.currentVersion(stream));
        }
        // This function forgets at once; others within the key cache's time to live.
        personal.forget(stream);
        return stored(stream, after, identified, metadata, chained.getLast().chainHash());
    }

    /** See {@link EventStore#findStored}: one consistent read of the caller-chosen ids, none without them. */
    Optional<AppendResult> findStored(StreamId stream, List<NewEvent> events) {
        if (events.stream().allMatch(event -> event.eventId().isEmpty())) {
            return Optional.empty();
        }
        return StoredIds.judge(stream, events, ids.find(stream.tenantId(), events), fingerprints(stream));
    }

    /** Fingerprints as the stored id items hold them; the aggregate's key is looked up only for personal values. */
    private Function<NewEvent, String> fingerprints(StreamId stream) {
        return event -> personal.fingerprint(stream, event, () -> personal.storedKey(stream));
    }

    private static Optional<ConditionalWrites.Previous> previous(StreamId stream, long after,
                                                                 Optional<String> previousHash) {
        return after == 0 ? Optional.empty() : Optional.of(new ConditionalWrites.Previous(Map.of(
                EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(stream)),
                EventItems.VERSION, EventItems.n(after)), previousHash));
    }

    private static AppendResult stored(StreamId stream, long after, List<NewEvent> events, EventMetadata metadata,
                                       Optional<String> head) {
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            positions.add(new Position(events.get(i).eventId().orElseThrow(), after + 1 + i));
        }
        return new AppendResult(stream, positions, metadata.correlationId(), false, head);
    }

    /** The events as they will be stored: sealed, stamped, at their versions. */
    private static List<RecordedEvent> recorded(StreamId stream, long after, List<NewEvent> events,
                                                List<String> sealedData, EventMetadata metadata, Instant now) {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            recorded.add(new RecordedEvent(event.eventId().orElseThrow(), event.eventType(),
                    event.eventVersion(), stream, after + 1 + i, sealedData.get(i), now, metadata.userId(),
                    metadata.correlationId(), metadata.causationId()));
        }
        return recorded;
    }

    /** Each event chained on the one before it, the first on {@code previousHash}; unchained after an unchained one. */
    private static List<RecordedEvent> chained(Optional<String> previousHash, List<RecordedEvent> events) {
        if (previousHash.isEmpty()) {
            return events;
        }
        List<RecordedEvent> chained = new ArrayList<>();
        String previous = previousHash.get();
        for (RecordedEvent event : events) {
            RecordedEvent linked = event.withChainHash(EventChain.next(previous, event));
            chained.add(linked);
            previous = linked.chainHash().orElseThrow();
        }
        return chained;
    }

    private static List<Map<String, AttributeValue>> idItems(StreamId stream, long after, List<NewEvent> events,
                                                            EventMetadata metadata,
                                                            Function<NewEvent, String> fingerprint) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            items.add(EventIdItems.toItem(stream, after + 1 + i, events.get(i), metadata.correlationId(),
                    fingerprint.apply(events.get(i))));
        }
        return items;
    }

    private static List<NewEvent> withIds(List<NewEvent> events) {
        EventStore.requireAppendable(events.size());
        List<NewEvent> identified = events.stream()
                .map(event -> event.eventId().isPresent() ? event : event.withId(UUID.randomUUID().toString()))
                .toList();
        HashSet<String> seen = new HashSet<>();
        for (NewEvent event : identified) {
            String id = event.eventId().orElseThrow();
            if (!seen.add(id)) {
                throw new EventIdConflict(id, Optional.empty(),
                        "event_id " + id + " is given twice: the events of one append must have distinct ids");
            }
        }
        return identified;
    }

    private static void checkSizes(List<Map<String, AttributeValue>> eventItems,
                                   List<Map<String, AttributeValue>> idItems) {
        int total = 0;
        for (int i = 0; i < eventItems.size(); i++) {
            int size = ItemSizes.of(eventItems.get(i));
            if (size > ItemSizes.MAX_ITEM_BYTES) {
                throw new AppendTooLarge("event " + (i + 1) + " takes " + size
                        + " bytes; a stored event may take at most " + ItemSizes.MAX_ITEM_BYTES);
            }
            total += size + ItemSizes.of(idItems.get(i));
        }
        if (total > ItemSizes.MAX_TRANSACTION_BYTES) {
            throw new AppendTooLarge("the events take " + total + " bytes together (with the items that reserve "
                    + "their ids); one append may take at most " + ItemSizes.MAX_TRANSACTION_BYTES);
        }
    }
}
