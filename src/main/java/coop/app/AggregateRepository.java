package coop.app;

import coop.domain.AggregateType;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.Snapshot;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;

/**
 * Rebuilds aggregates: the newest trustworthy snapshot at or below the target, then the events after it.
 *
 * <p>A load that had to replay more events than its type's snapshot interval stores the state it rebuilt as a
 * snapshot (on demand, whether or not the stream's snapshots have caught up), so the next load of that stream
 * replays little. The write happens before the load returns (a Lambda may freeze right after its answer), is
 * conditional (racing loads store it once), bounded in time, and never fails the load: a failure is logged and
 * reported to {@link SnapshotWrites}.
 *
 * <p>A snapshot taken under another state schema, or one that no longer reads, is never trusted: the state is
 * replayed from the first event instead, and the replayed state replaces the snapshot (unless that one is of a
 * newer state schema: a newer release stored it during a deployment, and keeps it).
 *
 * <p>A load of the latest state is remembered in the repository's {@link WarmStates}, for the next append to start
 * from; no load is ever answered from there. Appends on a remembered state keep the snapshots on demand going: once
 * a load of it would replay more than the interval, the next append loads it (and so stores the snapshot).
 */
public final class AggregateRepository {

    private static final Logger LOG = Logger.getLogger(AggregateRepository.class);

    private final EventStore store;
    private final EventCodec codec;
    private final ToIntFunction<String> snapshotEvery;
    private final SnapshotWrites writes;
    private final WarmStates warm;

    /**
     * @param snapshotEvery the snapshot interval of an aggregate type by name; 0 or less: no snapshots on demand
     * @param warm          where the latest states loaded or appended to are remembered for the next append
     */
    public AggregateRepository(EventStore store, EventCodec codec, ToIntFunction<String> snapshotEvery,
                               SnapshotWrites writes, WarmStates warm) {
        this.store = store;
        this.codec = codec;
        this.snapshotEvery = snapshotEvery;
        this.writes = writes;
        this.warm = warm;
    }

    /** A repository that remembers no states: every append loads. */
    public AggregateRepository(EventStore store, EventCodec codec, ToIntFunction<String> snapshotEvery,
                               SnapshotWrites writes) {
        this(store, codec, snapshotEvery, writes, WarmStates.NONE);
    }

    /** A repository that takes no snapshots on demand and remembers no states. */
    public AggregateRepository(EventStore store, EventCodec codec) {
        this(store, codec, type -> 0, SnapshotWrites.NONE);
    }

    /** The states this repository's loads and the appends on them left, for appends only (see {@link WarmStates}). */
    public WarmStates warm() {
        return warm;
    }

    /**
     * The remembered latest state of {@code stream} for an append to start from, unless a load of it is due to
     * store a snapshot: appends on a remembered state replay nothing, so without this the snapshots on demand of an
     * import through the API would stop, and the first read after it would replay the whole import.
     */
    public <S> Optional<WarmStates.Known<S>> warmState(AggregateType<S, ?> type, StreamId stream) {
        return warm.<S>get(stream).filter(known -> !replayedTooMany(type, known.replayed()));
    }

    /**
     * The aggregate at {@code target}; empty when the stream has no event by then. By version: a snapshot query and
     * an events query. As of an instant: one more keyed read first, which finds the version at that instant.
     */
    public <S, E> Optional<Loaded<S>> load(AggregateType<S, E> type, StreamId stream, LoadTarget target) {
        return switch (target) {
            case LoadTarget.AtVersion at -> replay(type, stream, store.latestSnapshot(stream, at.version()),
                    after -> store.readStream(stream, after, at.version()), target.equals(LoadTarget.latest()));
            case LoadTarget.AsOf asOf -> {
                OptionalLong likely = store.versionAsOf(stream, asOf.instant());
                Optional<Snapshot> snapshot = likely.isPresent()
                        ? store.latestSnapshot(stream, likely.getAsLong()) : Optional.empty();
                yield replay(type, stream, snapshot,
                        after -> store.readStreamAsOf(stream, after, likely.orElse(after), asOf.instant()), false);
            }
        };
    }

    /** Applies {@code events} (in version order) to {@code start}, or to the initial state when it is empty. */
    public <S, E> Optional<Loaded<S>> fold(AggregateType<S, E> type, Optional<Loaded<S>> start, String aggregateId,
                                           List<RecordedEvent> events) {
        Optional<Loaded<S>> current = start;
        for (RecordedEvent recorded : events) {
            S before = current.map(Loaded::state).orElseGet(() -> type.initialState(aggregateId));
            S after = type.evolve(before, codec.decode(type, recorded));
            current = Optional.of(new Loaded<>(after, recorded.aggregateVersion(), recorded.timestamp(),
                    recorded.chainHash()));
        }
        return current;
    }

    /** Whether the aggregate's personal data was erased (one read of its key item). */
    public boolean erased(StreamId stream) {
        return store.findErasure(stream).isPresent();
    }

    /** Stores {@code loaded} as a snapshot, replacing one at its version. Best effort: a failure is only reported. */
    public <S> void saveSnapshot(AggregateType<S, ?> type, StreamId stream, Loaded<S> loaded) {
        write(type, stream, loaded, true);
    }

    /** @param latest whether the load is of the latest state, which is then remembered for the next append */
    private <S, E> Optional<Loaded<S>> replay(AggregateType<S, E> type, StreamId stream, Optional<Snapshot> snapshot,
                                              LongFunction<List<RecordedEvent>> eventsAfter, boolean latest) {
        Optional<Loaded<S>> start = snapshot.flatMap(found -> trusted(type, found));
        List<RecordedEvent> events = eventsAfter.apply(start.map(Loaded::version).orElse(0L));
        Optional<Loaded<S>> loaded = fold(type, start, stream.aggregateId(), events);
        long replayed = events.size();
        if (loaded.isPresent() && snapshot.isPresent() && start.isEmpty()) {
            write(type, stream, loaded.get(), true);
            replayed = 0;
        } else if (loaded.isPresent() && replayedTooMany(type, events.size())) {
            write(type, stream, loaded.get(), false);
            replayed = 0;
        }
        if (latest && loaded.isPresent()) {
            warm.remember(stream, loaded.get().state(), loaded.get().version(), replayed, loaded.get().chainHash());
        }
        return loaded;
    }

    private boolean replayedTooMany(AggregateType<?, ?> type, long replayed) {
        int every = snapshotEvery.applyAsInt(type.name());
        return every > 0 && replayed > every;
    }

    private <S> void write(AggregateType<S, ?> type, StreamId stream, Loaded<S> loaded, boolean replace) {
        String state = codec.write(loaded.state());
        int bytes = state.getBytes(StandardCharsets.UTF_8).length;
        Snapshot snapshot = new Snapshot(stream, loaded.version(), type.stateSchemaVersion(), state,
                loaded.lastEventAt(), loaded.chainHash());
        try {
            if (replace ? !store.saveSnapshot(snapshot) : !store.saveSnapshotIfAbsent(snapshot)) {
                return; // another load stored it first, or a newer release keeps its own state schema there
            }
            writes.written(stream, loaded.version(), bytes);
        } catch (RuntimeException e) {
            LOG.warnf("Snapshot of %s at version %d (%d bytes of state) not written: %s; loads of this stream "
                    + "replay from an older snapshot until one is", stream, loaded.version(), bytes, e.toString());
            writes.failed(stream, loaded.version(), bytes, e.toString());
        }
    }

    private <S> Optional<Loaded<S>> trusted(AggregateType<S, ?> type, Snapshot snapshot) {
        if (snapshot.stateSchema() != type.stateSchemaVersion()) {
            LOG.infof("Ignoring the snapshot of %s at version %d: state schema %d, current %d", snapshot.stream(),
                    snapshot.version(), snapshot.stateSchema(), type.stateSchemaVersion());
            return Optional.empty();
        }
        try {
            return Optional.of(new Loaded<>(codec.read(snapshot.state(), type.stateType()), snapshot.version(),
                    snapshot.lastEventAt(), snapshot.chainHash()));
        } catch (RuntimeException unreadable) {
            LOG.warnf(unreadable, "Ignoring the unreadable snapshot of %s at version %d", snapshot.stream(),
                    snapshot.version());
            return Optional.empty();
        }
    }
}
