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
import coop.store.RetryBackoff;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Appends with optimistic concurrency on (stream, version) and idempotency by event id. */
final class Appends {

    /** Sizes are checked at a version this long, so a batch that fits now fits at any later version. */
    private static final long WIDEST_VERSION = Long.MAX_VALUE;

    private final ConditionalWrites writes;
    private final StreamReads reads;
    private final IndexQueries index;
    private final Clock clock;
    private final int anyRetries;

    Appends(ConditionalWrites writes, StreamReads reads, IndexQueries index, Clock clock, int anyRetries) {
        this.writes = writes;
        this.reads = reads;
        this.index = index;
        this.clock = clock;
        this.anyRetries = anyRetries;
    }

    AppendResult append(StreamId stream, ExpectedVersion expected, List<NewEvent> events, EventMetadata metadata) {
        List<NewEvent> identified = withIds(events);
        Instant now = Timestamps.truncate(clock.instant());
        checkSizes(toItems(stream, WIDEST_VERSION - identified.size(), identified, metadata, now));
        // A generated id was never sent before, so only caller-chosen ids can make this call a retry.
        boolean mayBeRetry = events.getFirst().eventId().isPresent();
        return switch (expected) {
            case ExpectedVersion.Exactly exactly ->
                    appendAfter(stream, exactly.version(), expected, identified, metadata, now, mayBeRetry);
            case ExpectedVersion.Any any -> appendAtHead(stream, identified, metadata, now, mayBeRetry);
        };
    }

    private AppendResult appendAfter(StreamId stream, long after, ExpectedVersion expected, List<NewEvent> events,
                                     EventMetadata metadata, Instant now, boolean mayBeRetry) {
        try {
            writes.putAll(toItems(stream, after, events, metadata, now), previousKey(stream, after));
            return stored(stream, after, events, metadata);
        } catch (PositionTaken taken) {
            // The usual retry after a lost answer comes back with the same expected version: DynamoDB has just
            // handed us the stored items, so recognising it costs no extra request.
            Optional<AppendResult> retry = sameBatch(stream, events, taken.storedItems().stream()
                    .map(EventItems::fromItem).toList());
            if (retry.isPresent()) {
                return retry.get();
            }
            if (mayBeRetry) {
                Optional<AppendResult> earlier = earlierAppend(stream, events);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw new ConcurrencyConflict(stream, expected, reads.currentVersion(stream));
        }
    }

    private AppendResult appendAtHead(StreamId stream, List<NewEvent> events, EventMetadata metadata, Instant now,
                                      boolean mayBeRetry) {
        if (mayBeRetry) {
            Optional<AppendResult> earlier = earlierAppend(stream, events);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        long head = reads.currentVersion(stream);
        for (int attempt = 1; ; attempt++) {
            try {
                writes.putAll(toItems(stream, head, events, metadata, now), previousKey(stream, head));
                return stored(stream, head, events, metadata);
            } catch (PositionTaken taken) {
                if (attempt > anyRetries) {
                    throw new ConcurrencyConflict(stream, ExpectedVersion.any(), reads.currentVersion(stream));
                }
                RetryBackoff.pause(attempt);
                head = reads.currentVersion(stream);
            }
        }
    }

    /** Finds this batch stored earlier anywhere in the stream, through the event-id index. */
    Optional<AppendResult> earlierAppend(StreamId stream, List<NewEvent> events) {
        if (events.isEmpty() || events.getFirst().eventId().isEmpty()) {
            return Optional.empty();
        }
        String firstId = events.getFirst().eventId().get();
        Optional<RecordedEvent> first = index.findEvent(stream.tenantId(), firstId);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        if (!first.get().stream().equals(stream)) {
            throw new EventIdConflict("event_id " + firstId + " already belongs to another aggregate");
        }
        long from = first.get().aggregateVersion();
        List<RecordedEvent> stored = reads.readAll(stream, from - 1, from - 1 + events.size());
        return Optional.of(sameBatch(stream, events, stored).orElseThrow(() -> new EventIdConflict(
                "event_id " + firstId + " is already stored, with a different batch of events")));
    }

    /** The original positions, if {@code stored} starts with exactly this batch's event ids. */
    private static Optional<AppendResult> sameBatch(StreamId stream, List<NewEvent> events, List<RecordedEvent> stored) {
        if (stored.size() < events.size()) {
            return Optional.empty();
        }
        List<RecordedEvent> ordered = stored.stream()
                .sorted(Comparator.comparingLong(RecordedEvent::aggregateVersion)).toList();
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent event = ordered.get(i);
            if (!event.eventId().equals(events.get(i).eventId().orElseThrow())) {
                return Optional.empty();
            }
            positions.add(new Position(event.eventId(), event.aggregateVersion()));
        }
        return Optional.of(new AppendResult(stream, positions, ordered.getFirst().correlationId(), true));
    }

    private static Optional<Map<String, AttributeValue>> previousKey(StreamId stream, long after) {
        return after == 0 ? Optional.empty() : Optional.of(Map.of(
                EventItems.STREAM_ID, EventItems.s(EventItems.streamKey(stream)),
                EventItems.VERSION, EventItems.n(after)));
    }

    private static AppendResult stored(StreamId stream, long after, List<NewEvent> events, EventMetadata metadata) {
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            positions.add(new Position(events.get(i).eventId().orElseThrow(), after + 1 + i));
        }
        return new AppendResult(stream, positions, metadata.correlationId(), false);
    }

    private static List<Map<String, AttributeValue>> toItems(StreamId stream, long after, List<NewEvent> events,
                                                            EventMetadata metadata, Instant now) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            items.add(EventItems.toItem(new RecordedEvent(event.eventId().orElseThrow(), event.eventType(),
                    event.eventVersion(), stream, after + 1 + i, event.data(), now, metadata.userId(),
                    metadata.correlationId(), metadata.causationId())));
        }
        return items;
    }

    private static List<NewEvent> withIds(List<NewEvent> events) {
        if (events.isEmpty() || events.size() > EventStore.MAX_EVENTS_PER_APPEND) {
            throw new AppendTooLarge("an append carries 1 to " + EventStore.MAX_EVENTS_PER_APPEND
                    + " events, not " + events.size());
        }
        List<NewEvent> identified = events.stream()
                .map(event -> event.eventId().isPresent() ? event : event.withId(UUID.randomUUID().toString()))
                .toList();
        if (new HashSet<>(identified.stream().map(event -> event.eventId().orElseThrow()).toList()).size()
                != identified.size()) {
            throw new EventIdConflict("the events of one append must have distinct event ids");
        }
        return identified;
    }

    private static void checkSizes(List<Map<String, AttributeValue>> items) {
        int total = 0;
        for (int i = 0; i < items.size(); i++) {
            int size = ItemSizes.of(items.get(i));
            if (size > ItemSizes.MAX_ITEM_BYTES) {
                throw new AppendTooLarge("event " + (i + 1) + " takes " + size + " bytes; a stored event may take at most "
                        + ItemSizes.MAX_ITEM_BYTES);
            }
            total += size;
        }
        if (total > ItemSizes.MAX_TRANSACTION_BYTES) {
            throw new AppendTooLarge("the events take " + total + " bytes together; one append may take at most "
                    + ItemSizes.MAX_TRANSACTION_BYTES);
        }
    }

}
