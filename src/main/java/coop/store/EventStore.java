package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * An append-only store of event streams, one per aggregate, and of snapshots of their state.
 *
 * <p>Events are never updated or deleted. Each stream's versions start at 1 and have no gaps; a version is written
 * once, by exactly one writer. Every query is scoped to one tenant.
 */
public interface EventStore {

    /**
     * The most events one append may carry. They are written in one atomic request of at most 100 actions, and each
     * event takes two (its item, and the item that reserves its id) plus one check that the previous version exists.
     */
    int MAX_EVENTS_PER_APPEND = 49;

    /** The one check of {@link #MAX_EVENTS_PER_APPEND}, for the store and for callers that want to fail early. */
    static void requireAppendable(int events) {
        if (events < 1 || events > MAX_EVENTS_PER_APPEND) {
            throw new AppendTooLarge("an append carries 1 to " + MAX_EVENTS_PER_APPEND + " events, not " + events);
        }
    }

    /**
     * Appends 1 to {@value #MAX_EVENTS_PER_APPEND} events at consecutive versions right after {@code expected}, all or
     * none, in one write request. Each event id is reserved for its tenant in the same request, forever.
     *
     * <p>Idempotent by event id: if every event id is already stored, as these very events (same types, schema
     * versions and payloads) at consecutive positions of this stream, nothing is written and the original positions
     * and correlation are returned with {@link AppendResult#duplicate()} set, whatever {@code expected} says. Retrying
     * with "any" is the caller's loop (the application's {@code EventService}), not the store's.
     *
     * @throws ConcurrencyConflict when the stream is not at {@code expected} and the ids are free
     * @throws AppendTooLarge      when there are too many events or they do not fit DynamoDB's item and request
     *                             limits; nothing is written
     * @throws EventIdConflict     when an event id is already stored for anything else; nothing is written
     */
    AppendResult append(StreamId stream, ExpectedVersion.Exactly expected, List<NewEvent> events,
                        EventMetadata metadata);

    /**
     * {@link #append(StreamId, ExpectedVersion.Exactly, List, EventMetadata)} at {@code head}: each event's chain hash
     * follows its predecessor's (docs/ledger.md), the first one {@code head}'s, which the write checks in the same
     * request. With {@code head}'s hash known no read is needed; without it the store reads it (one keyed read).
     * Events that follow an unchained event (a stream written before chains, not backfilled yet) stay unchained.
     *
     * @throws ConcurrencyConflict also when {@code head}'s hash is not the stored one
     */
    AppendResult append(StreamId stream, StreamHead head, List<NewEvent> events, EventMetadata metadata);

    /**
     * Whether {@code events} are already stored, judged as {@link #append} judges a retry, with one consistent read of
     * their ids: the original positions if all are stored as these events in this stream; empty if none of their ids
     * is stored (events without an id count as new). For the failure paths of callers, e.g. a retry whose expected
     * version is stale, or whose events the rules now reject because they were applied already.
     *
     * @throws EventIdConflict when some id is stored for anything else, or stored and new ids are mixed
     */
    Optional<AppendResult> findStored(StreamId stream, List<NewEvent> events);

    /** The stream's last version, 0 when it has no events. */
    long currentVersion(StreamId stream);

    /**
     * Events with {@code afterVersion < version <= upToVersion}, oldest first, at most {@code limit} of them.
     *
     * @param pageToken a token from a previous page of the same query, or empty for the first page
     * @throws InvalidPageToken when the token was not handed out for this stream
     */
    EventPage readStream(StreamId stream, long afterVersion, long upToVersion, int limit, Optional<String> pageToken);

    /** Every event with {@code afterVersion < version <= upToVersion}, oldest first, reading as many pages as it takes. */
    List<RecordedEvent> readStream(StreamId stream, long afterVersion, long upToVersion);

    /**
     * Reads the whole stream once, page by page, as stored, and checks its hash chain (docs/ledger.md): where it
     * first breaks, if it does. A stream with no event answers version 0 and verifies.
     */
    ChainVerification verifyChain(StreamId stream);

    /**
     * {@link #verifyChain(StreamId)}, handing each page of events to {@code pages} as stored and as a reader sees
     * them (personal values opened, or null after an erasure): an audit export in the same one read.
     */
    ChainVerification verifyChain(StreamId stream, Consumer<List<AuditedEvent>> pages);

    /**
     * The version of the newest event recorded at or before {@code asOf}, empty when none is: one keyed read of an
     * index. That index is eventually consistent, so for an instant a few milliseconds ago the answer may be an
     * older version; {@link #readStreamAsOf} reads on past it, so loads stay exact.
     */
    OptionalLong versionAsOf(StreamId stream, Instant asOf);

    /**
     * The events after {@code afterVersion} up to the last one recorded at or before {@code asOf}. Versions are the
     * order of truth: the first event recorded after {@code asOf} ends the read. One query when the last one is at
     * {@code likelyLastVersion} (as {@link #versionAsOf} says) and the tail fits a page; more when it is later.
     */
    List<RecordedEvent> readStreamAsOf(StreamId stream, long afterVersion, long likelyLastVersion, Instant asOf);

    /** One event by id, within the tenant; read consistently, so an event just appended is found. */
    Optional<RecordedEvent> findEvent(String tenantId, String eventId);

    /** Every event of one correlation in the tenant, in time order. */
    List<RecordedEvent> findByCorrelation(String tenantId, String correlationId);

    /**
     * Events of one type recorded in {@code [since, until)}, in time order.
     *
     * @throws InvalidPageToken when the token was not handed out for this query
     */
    EventPage findByType(String tenantId, String eventType, Instant since, Instant until, int limit,
                         Optional<String> pageToken);

    /**
     * Appends the one event {@code erasure} right after {@code expected} and, in the same transaction, replaces the
     * aggregate's data key with a record of the erasure: from then on its personal values read as null on every path,
     * and appends of personal values fail with {@link KeyErased}. Idempotency is the caller's (see
     * {@link #findErasure}); this store only guarantees that the event and the key's deletion land together or not
     * at all.
     *
     * @throws ConcurrencyConflict when the stream is not at {@code expected}; nothing is written
     */
    AppendResult appendErasure(StreamId stream, StreamHead head, NewEvent erasure, EventMetadata metadata);

    /** The erasure of the aggregate's personal data, if it happened: one consistent read. */
    Optional<Erasure> findErasure(StreamId stream);

    /** The newest snapshot at or below {@code version}, of any schema: callers decide whether to trust it. */
    Optional<Snapshot> latestSnapshot(StreamId stream, long atOrBelowVersion);

    /**
     * Stores a snapshot, replacing one at the same version taken under the same or an older state schema (e.g. one
     * that no longer reads), never one of a newer schema.
     *
     * @return whether it was written
     * @throws SnapshotTooLarge when it would not fit in an item; nothing is sent
     */
    boolean saveSnapshot(Snapshot snapshot);

    /**
     * Stores a snapshot unless one of the same or a newer state schema is already there at its version, waiting a
     * bounded time for the write.
     *
     * @return whether it was written
     * @throws SnapshotTooLarge when it would not fit in an item; nothing is sent
     */
    boolean saveSnapshotIfAbsent(Snapshot snapshot);
}
