package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An append-only store of event streams, one per aggregate, and of snapshots of their state.
 *
 * <p>Events are never updated or deleted. Each stream's versions start at 1 and have no gaps; a version is written
 * once, by exactly one writer. Every query is scoped to one tenant.
 */
public interface EventStore {

    /** The most events one append may carry; they are written in one atomic request. */
    int MAX_EVENTS_PER_APPEND = 100;

    /**
     * Appends 1 to {@value #MAX_EVENTS_PER_APPEND} events at consecutive versions, all or none.
     *
     * <p>Idempotent by event id: if these event ids are already stored as this very batch, nothing is written and
     * the original positions are returned with {@link AppendResult#duplicate()} set, whatever {@code expected} says.
     *
     * @throws ConcurrencyConflict when the stream is not at {@code expected} (after bounded retries for
     *                             {@link ExpectedVersion#any()})
     * @throws AppendTooLarge      when there are too many events or one does not fit in a DynamoDB item; nothing
     *                             is written
     * @throws EventIdConflict     when an event id is already stored for another event
     */
    AppendResult append(StreamId stream, ExpectedVersion expected, List<NewEvent> events, EventMetadata metadata);

    /**
     * The original positions of {@code events}, if this very batch (same event ids, in order) is already stored in
     * the stream; empty if its first event id is unknown.
     *
     * @throws EventIdConflict when the first event id is stored, but for another stream or another batch
     */
    Optional<AppendResult> findAppended(StreamId stream, List<NewEvent> events);

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

    /** One event by id, within the tenant. */
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

    /** The newest snapshot at or below {@code version}, of any schema: callers decide whether to trust it. */
    Optional<Snapshot> latestSnapshot(StreamId stream, long atOrBelowVersion);

    /**
     * Stores a snapshot, replacing one at the same version (e.g. one taken under an older state schema).
     *
     * @throws SnapshotTooLarge when it would not fit in an item; nothing is sent
     */
    void saveSnapshot(Snapshot snapshot);

    /**
     * Stores a snapshot unless one of the same or a newer state schema is already there at its version, waiting a
     * bounded time for the write.
     *
     * @return whether it was written
     * @throws SnapshotTooLarge when it would not fit in an item; nothing is sent
     */
    boolean saveSnapshotIfAbsent(Snapshot snapshot);
}
