package coop.store.dynamodb;

import coop.store.AppendResult;
import coop.store.AuditedEvent;
import coop.store.ChainVerification;
import coop.store.Erasure;
import coop.store.EventMetadata;
import coop.store.EventPage;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.Snapshot;
import coop.store.StreamHead;
import coop.store.StreamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The event store on DynamoDB. Events live in one table keyed by (stream_id, version), where a conditional write per
 * version lets exactly one writer win it; a second table holds one item per event id, written in the same
 * transaction on condition that the id is free, so an id names one event of its tenant forever; snapshots live in a
 * third table keyed like the events.
 *
 * <p>Request budget: an append is one {@code TransactWriteItems}, whatever the ids (a retry is recognised from the
 * items handed back with the failed conditions). Loading a stream's snapshot and the events after it is two
 * queries; as of an instant, one more, on the (stream, time) index. Finding an event by id is two consistent
 * {@code GetItem}s. Personal values are opened with the aggregate's data key: from memory when cached, else one
 * {@code GetItem} and one KMS {@code Decrypt} (see {@link PersonalData}).
 */
public final class DynamoDbEventStore implements EventStore {

    private final Appends appends;
    private final StreamReads streams;
    private final IndexQueries index;
    private final EventIdReads ids;
    private final Snapshots snapshots;
    private final StreamTimeIndex timeIndex;
    private final PersonalData personal;

    /** A store for aggregates without personal fields: nothing is encrypted. */
    public DynamoDbEventStore(DynamoDbClient dynamo, StoreSettings settings, Clock clock) {
        this(dynamo, settings, clock, PersonalData.none());
    }

    /** A store that keeps the personal fields of events, and whole states, encrypted (see {@link PersonalData}). */
    public DynamoDbEventStore(DynamoDbClient dynamo, StoreSettings settings, Clock clock, PersonalData personal) {
        this.personal = personal;
        this.streams = new StreamReads(dynamo, settings.eventsTable());
        this.index = new IndexQueries(dynamo, settings.eventsTable());
        this.snapshots = new Snapshots(dynamo, settings.snapshotsTable(), clock, settings.snapshotWriteTimeout(),
                personal);
        this.timeIndex = new StreamTimeIndex(dynamo, settings.eventsTable());
        this.ids = new EventIdReads(dynamo, settings.eventIdsTable(), settings.eventsTable());
        this.appends = new Appends(new ConditionalWrites(dynamo, settings.eventsTable(), settings.eventIdsTable(),
                personal.keysTable()), streams, ids, clock, personal);
    }

    @Override
    public AppendResult append(StreamId stream, ExpectedVersion.Exactly expected, List<NewEvent> events,
                               EventMetadata metadata) {
        return appends.append(stream, StreamHead.at(expected.version()), events, metadata);
    }

    @Override
    public AppendResult append(StreamId stream, StreamHead head, List<NewEvent> events, EventMetadata metadata) {
        return appends.append(stream, head, events, metadata);
    }

    @Override
    public AppendResult appendErasure(StreamId stream, StreamHead head, NewEvent erasure, EventMetadata metadata) {
        return appends.appendErasure(stream, head, erasure, metadata);
    }

    @Override
    public Optional<Erasure> findErasure(StreamId stream) {
        return personal.findErasure(stream);
    }

    @Override
    public Optional<AppendResult> findStored(StreamId stream, List<NewEvent> events) {
        return appends.findStored(stream, events);
    }

    @Override
    public long currentVersion(StreamId stream) {
        return streams.currentVersion(stream);
    }

    @Override
    public EventPage readStream(StreamId stream, long afterVersion, long upToVersion, int limit,
                                Optional<String> pageToken) {
        return personal.open(streams.page(stream, afterVersion, upToVersion, limit, pageToken));
    }

    @Override
    public List<RecordedEvent> readStream(StreamId stream, long afterVersion, long upToVersion) {
        return personal.open(streams.readAll(stream, afterVersion, upToVersion));
    }

    @Override
    public ChainVerification verifyChain(StreamId stream) {
        ChainWalk walk = new ChainWalk();
        streams.eachPage(stream, page -> page.forEach(walk::accept));
        return walk.result();
    }

    @Override
    public ChainVerification verifyChain(StreamId stream, Consumer<List<AuditedEvent>> pages) {
        ChainWalk walk = new ChainWalk();
        streams.eachPage(stream, page -> {
            page.forEach(walk::accept);
            List<RecordedEvent> opened = personal.open(page);
            pages.accept(IntStream.range(0, page.size())
                    .mapToObj(i -> new AuditedEvent(page.get(i), opened.get(i))).toList());
        });
        return walk.result();
    }

    @Override
    public OptionalLong versionAsOf(StreamId stream, Instant asOf) {
        return timeIndex.versionAsOf(stream, asOf);
    }

    @Override
    public List<RecordedEvent> readStreamAsOf(StreamId stream, long afterVersion, long likelyLastVersion,
                                              Instant asOf) {
        return personal.open(streams.readAsOf(stream, afterVersion, likelyLastVersion, asOf));
    }

    @Override
    public Optional<RecordedEvent> findEvent(String tenantId, String eventId) {
        return ids.findEvent(tenantId, eventId).map(personal::open);
    }

    @Override
    public List<RecordedEvent> findByCorrelation(String tenantId, String correlationId) {
        return personal.open(index.findByCorrelation(tenantId, correlationId));
    }

    @Override
    public EventPage findByType(String tenantId, String eventType, Instant since, Instant until, int limit,
                                Optional<String> pageToken) {
        return personal.open(index.findByType(tenantId, eventType, since, until, limit, pageToken));
    }

    @Override
    public Optional<Snapshot> latestSnapshot(StreamId stream, long atOrBelowVersion) {
        return snapshots.latest(stream, atOrBelowVersion);
    }

    @Override
    public boolean saveSnapshot(Snapshot snapshot) {
        return snapshots.save(snapshot);
    }

    @Override
    public boolean saveSnapshotIfAbsent(Snapshot snapshot) {
        return snapshots.saveIfAbsent(snapshot);
    }
}
