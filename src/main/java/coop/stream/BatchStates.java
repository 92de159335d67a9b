package coop.stream;

import coop.app.AggregateRepository;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.domain.AggregateType;
import coop.store.EventStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of each aggregate of one batch after the batch's events, worked out at most once per aggregate and shared
 * by every subscriber (the summary row, the triggers' decisions, the snapshots).
 *
 * <p>A state starts from the stored starting point (read for all the batch's aggregates of a type at once) and
 * applies the batch's events to it when they follow it without a gap, Marten-style; the store is read only for a
 * gap, or when there is no starting point (then from the newest snapshot). An event that does not fold stops its
 * aggregate there: the state stays at the event before, and the failure names the event. The fold keeps the state
 * after each event it applied, for the triggers, which decide on each event against the state right after it.
 */
public final class BatchStates {

    private final Map<StreamId, List<RecordedEvent>> batch;
    private final AggregateRepository aggregates;
    private final EventStore store;
    private final StartingPoints startingPoints;
    private final Map<String, Map<StreamId, ? extends StartingPoints.Start<?>>> startsByType = new HashMap<>();
    private final Map<StreamId, Folded<?>> folded = new HashMap<>();

    BatchStates(List<RecordedEvent> events, AggregateRepository aggregates, EventStore store,
                StartingPoints startingPoints) {
        this.batch = PerAggregate.group(events);
        this.aggregates = aggregates;
        this.store = store;
        this.startingPoints = startingPoints;
    }

    /** The aggregate's state after the batch's events (or after the starting point, if that is further). */
    @SuppressWarnings("unchecked")
    public synchronized <S> Folded<S> after(AggregateType<S, ?> type, StreamId stream) {
        Folded<?> known = folded.get(stream);
        if (known == null) {
            known = fold(type, stream, start(type, stream));
            folded.put(stream, known);
        }
        return (Folded<S>) known;
    }

    @SuppressWarnings("unchecked")
    private <S> Optional<StartingPoints.Start<S>> start(AggregateType<S, ?> type, StreamId stream) {
        Map<StreamId, ? extends StartingPoints.Start<?>> starts = startsByType.computeIfAbsent(type.name(),
                name -> startingPoints.find(type, batch.keySet().stream()
                        .filter(s -> s.aggregateType().equals(name)).toList()));
        return Optional.ofNullable((StartingPoints.Start<S>) starts.get(stream));
    }

    /**
     * The aggregate's events from {@code version} on, each with the state right after it, up to the state
     * {@link #after} gives (a trigger decides on each event against the state right after it). Taken from the batch's
     * fold where it covers them, so a live batch costs nothing more; events the starting point is already past (a
     * replay, a redelivery) cost a load at {@code version - 1} and a read of the stored events up to the fold's.
     */
    public <S> List<Applied<S>> stepsFrom(AggregateType<S, ?> type, StreamId stream, long version) {
        Folded<S> folded = after(type, stream);
        List<Applied<S>> steps = folded.steps();
        if (version > folded.version()) {
            return List.of();
        }
        if (!steps.isEmpty() && steps.getFirst().version() <= version) {
            return steps.subList((int) (version - steps.getFirst().version()), steps.size());
        }
        long upTo = steps.isEmpty() ? folded.version() : steps.getFirst().version() - 1;
        Optional<Loaded<S>> state = version > 1
                ? aggregates.load(type, stream, new LoadTarget.AtVersion(version - 1)) : Optional.empty();
        List<Applied<S>> loaded = new ArrayList<>(applied(type, stream, state, version - 1, upTo));
        loaded.addAll(steps);
        return loaded;
    }

    /** The events stored after {@code state} (the aggregate moved on while a subscriber worked), each applied. */
    public <S> List<Applied<S>> stepsAfter(AggregateType<S, ?> type, StreamId stream, Loaded<S> state) {
        return applied(type, stream, Optional.of(state), state.version(), Long.MAX_VALUE);
    }

    private <S> List<Applied<S>> applied(AggregateType<S, ?> type, StreamId stream, Optional<Loaded<S>> start,
                                         long afterVersion, long upToVersion) {
        List<Applied<S>> steps = new ArrayList<>();
        Optional<Loaded<S>> state = start;
        for (RecordedEvent event : store.readStream(stream, afterVersion, upToVersion)) {
            state = aggregates.fold(type, state, stream.aggregateId(), List.of(event));
            steps.add(new Applied<>(event, state.orElseThrow()));
        }
        return steps;
    }

    private <S> Folded<S> fold(AggregateType<S, ?> type, StreamId stream, Optional<StartingPoints.Start<S>> start) {
        long rowVersion = start.map(StartingPoints.Start::rowVersion).orElse(0L);
        Optional<Loaded<S>> state = start.flatMap(StartingPoints.Start::state);
        long from = state.map(Loaded::version).orElse(0L);
        List<RecordedEvent> pending = batch.getOrDefault(stream, List.of()).stream()
                .filter(event -> event.aggregateVersion() > from).toList();
        if (pending.isEmpty()) {
            return Folded.ok(state, rowVersion, List.of());
        }
        long first = pending.getFirst().aggregateVersion();
        long last = pending.getLast().aggregateVersion();
        if (state.isEmpty() && first > 1) {
            try {
                state = aggregates.load(type, stream, new LoadTarget.AtVersion(first - 1));
            } catch (RuntimeException unfoldable) {
                return Folded.failed(Optional.empty(), rowVersion, first, unfoldable, List.of());
            }
        }
        long at = state.map(Loaded::version).orElse(0L);
        boolean contiguous = first == at + 1 && last - first + 1 == pending.size();
        List<RecordedEvent> toApply = contiguous ? pending : store.readStream(stream, at, last);
        List<Applied<S>> steps = new ArrayList<>();
        for (RecordedEvent event : toApply) {
            try {
                state = aggregates.fold(type, state, stream.aggregateId(), List.of(event));
            } catch (RuntimeException unfoldable) {
                return Folded.failed(state, rowVersion, event.aggregateVersion(), unfoldable, steps);
            }
            steps.add(new Applied<>(event, state.orElseThrow()));
        }
        return Folded.ok(state, rowVersion, steps);
    }
}
