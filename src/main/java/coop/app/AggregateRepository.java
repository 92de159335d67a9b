package coop.app;

import coop.domain.AggregateType;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.Snapshot;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Rebuilds aggregates: the newest trustworthy snapshot at or below the target, then the events after it.
 *
 * <p>A snapshot taken under another state schema, or one that no longer reads, is never trusted: the state is
 * replayed from the first event instead, and the replayed state replaces the snapshot.
 */
public final class AggregateRepository {

    private static final Logger LOG = Logger.getLogger(AggregateRepository.class);

    private final EventStore store;
    private final EventCodec codec;

    public AggregateRepository(EventStore store, EventCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** The aggregate at {@code target}; empty when the stream has no event by then. */
    public <S, E> Optional<Loaded<S>> load(AggregateType<S, E> type, StreamId stream, LoadTarget target) {
        Optional<Snapshot> snapshot = switch (target) {
            case LoadTarget.AtVersion at -> store.latestSnapshot(stream, at.version());
            case LoadTarget.AsOf asOf -> store.latestSnapshotAsOf(stream, asOf.instant());
        };
        Optional<Loaded<S>> start = snapshot.flatMap(found -> trusted(type, found));
        long after = start.map(Loaded::version).orElse(0L);
        List<RecordedEvent> events = switch (target) {
            case LoadTarget.AtVersion at -> store.readStream(stream, after, at.version());
            case LoadTarget.AsOf asOf -> store.readStreamAsOf(stream, after, asOf.instant());
        };
        Optional<Loaded<S>> loaded = fold(type, start, stream.aggregateId(), events);
        if (snapshot.isPresent() && start.isEmpty()) {
            loaded.ifPresent(state -> saveSnapshot(type, stream, state));
        }
        return loaded;
    }

    /** Applies {@code events} (in version order) to {@code start}, or to the initial state when it is empty. */
    public <S, E> Optional<Loaded<S>> fold(AggregateType<S, E> type, Optional<Loaded<S>> start, String aggregateId,
                                           List<RecordedEvent> events) {
        Optional<Loaded<S>> current = start;
        for (RecordedEvent recorded : events) {
            S before = current.map(Loaded::state).orElseGet(() -> type.initialState(aggregateId));
            S after = type.evolve(before, codec.decode(type, recorded));
            current = Optional.of(new Loaded<>(after, recorded.aggregateVersion(), recorded.timestamp()));
        }
        return current;
    }

    /** Stores {@code loaded} as a snapshot. Best effort: a failed snapshot only makes later loads replay more. */
    public <S> void saveSnapshot(AggregateType<S, ?> type, StreamId stream, Loaded<S> loaded) {
        try {
            store.saveSnapshot(new Snapshot(stream, loaded.version(), type.stateSchemaVersion(),
                    codec.write(loaded.state()), loaded.lastEventAt()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not save a snapshot of %s at version %d", stream, loaded.version());
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
                    snapshot.lastEventAt()));
        } catch (RuntimeException unreadable) {
            LOG.warnf(unreadable, "Ignoring the unreadable snapshot of %s at version %d", snapshot.stream(),
                    snapshot.version());
            return Optional.empty();
        }
    }
}
