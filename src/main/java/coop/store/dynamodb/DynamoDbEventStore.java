package coop.store.dynamodb;

import coop.store.AppendResult;
import coop.store.EventMetadata;
import coop.store.EventPage;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.Snapshot;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The event store on DynamoDB. Events live in one table keyed by (stream_id, version), where a conditional write per
 * version lets exactly one writer win it; snapshots live in a second table with the same keys.
 *
 * <p>Request budget: an append with an exact expected version is one request (a {@code PutItem} for a stream's
 * first event, otherwise one {@code TransactWriteItems}); with "any" it first reads the stream's head, and, when
 * the caller chose the event ids, looks the first one up to recognise a retry. Loading a stream's snapshot and
 * the events after it is two queries; as of an instant, one more, on the (stream, time) index.
 */
public final class DynamoDbEventStore implements EventStore {

    private final Appends appends;
    private final StreamReads streams;
    private final IndexQueries index;
    private final Snapshots snapshots;
    private final StreamTimeIndex timeIndex;

    public DynamoDbEventStore(DynamoDbClient dynamo, StoreSettings settings, Clock clock) {
        this.streams = new StreamReads(dynamo, settings.eventsTable());
        this.index = new IndexQueries(dynamo, settings.eventsTable());
        this.snapshots = new Snapshots(dynamo, settings.snapshotsTable(), clock, settings.snapshotWriteTimeout());
        this.timeIndex = new StreamTimeIndex(dynamo, settings.eventsTable());
        this.appends = new Appends(new ConditionalWrites(dynamo, settings.eventsTable()), streams, index, clock,
                settings.anyRetries());
    }

    @Override
    public AppendResult append(StreamId stream, ExpectedVersion expected, List<NewEvent> events,
                               EventMetadata metadata) {
        return appends.append(stream, expected, events, metadata);
    }

    @Override
    public Optional<AppendResult> findAppended(StreamId stream, List<NewEvent> events) {
        return appends.earlierAppend(stream, events);
    }

    @Override
    public long currentVersion(StreamId stream) {
        return streams.currentVersion(stream);
    }

    @Override
    public EventPage readStream(StreamId stream, long afterVersion, long upToVersion, int limit,
                                Optional<String> pageToken) {
        return streams.page(stream, afterVersion, upToVersion, limit, pageToken);
    }

    @Override
    public List<RecordedEvent> readStream(StreamId stream, long afterVersion, long upToVersion) {
        return streams.readAll(stream, afterVersion, upToVersion);
    }

    @Override
    public OptionalLong versionAsOf(StreamId stream, Instant asOf) {
        return timeIndex.versionAsOf(stream, asOf);
    }

    @Override
    public List<RecordedEvent> readStreamAsOf(StreamId stream, long afterVersion, long likelyLastVersion,
                                              Instant asOf) {
        return streams.readAsOf(stream, afterVersion, likelyLastVersion, asOf);
    }

    @Override
    public Optional<RecordedEvent> findEvent(String tenantId, String eventId) {
        return index.findEvent(tenantId, eventId);
    }

    @Override
    public List<RecordedEvent> findByCorrelation(String tenantId, String correlationId) {
        return index.findByCorrelation(tenantId, correlationId);
    }

    @Override
    public EventPage findByType(String tenantId, String eventType, Instant since, Instant until, int limit,
                                Optional<String> pageToken) {
        return index.findByType(tenantId, eventType, since, until, limit, pageToken);
    }

    @Override
    public Optional<Snapshot> latestSnapshot(StreamId stream, long atOrBelowVersion) {
        return snapshots.latest(stream, atOrBelowVersion);
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        snapshots.save(snapshot);
    }

    @Override
    public boolean saveSnapshotIfAbsent(Snapshot snapshot) {
        return snapshots.saveIfAbsent(snapshot);
    }
}
