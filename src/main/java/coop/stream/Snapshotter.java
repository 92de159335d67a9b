package coop.stream;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.domain.AggregateType;
import coop.readmodel.HandlerType;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.List;
import java.util.Set;

/**
 * Takes snapshots off the append path: when a batch carries an aggregate across an n-th version (per
 * {@link SnapshotPolicy}), it stores the aggregate's state after the batch, once per aggregate per batch. Idempotent
 * (a snapshot replaces one at the same version) and order-proof (a state at a version does not depend on when the
 * record arrives).
 */
public final class Snapshotter implements Subscriber {

    public static final String NAME = "snapshots";

    private final AggregateTypes types;
    private final AggregateRepository aggregates;
    private final SnapshotPolicy policy;
    private final boolean active;

    public Snapshotter(AggregateTypes types, AggregateRepository aggregates, SnapshotPolicy policy, boolean active) {
        this.types = types;
        this.aggregates = aggregates;
        this.policy = policy;
        this.active = active;
    }

    @Override
    public Subscription subscription() {
        return new Subscription(NAME, HandlerType.PROJECTION, Set.of(), active);
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
        return PerAggregate.each(PerAggregate.group(events.stream()
                .filter(event -> policy.snapshotAt(event.aggregateType(), event.aggregateVersion())).toList()),
                (stream, due) -> types.find(stream.aggregateType())
                        .ifPresent(type -> snapshot(type, stream, due, states)));
    }

    private <S> void snapshot(AggregateType<S, ?> type, StreamId stream, List<RecordedEvent> due, BatchStates states) {
        Folded<S> folded = states.after(type, stream);
        folded.state().filter(state -> state.version() >= due.getFirst().aggregateVersion())
                .ifPresent(state -> aggregates.saveSnapshot(type, stream, state));
        folded.requireFoldedUpTo(due.getLast().aggregateVersion());
    }
}
