package coop.stream;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.LoadTarget;
import coop.domain.AggregateType;
import coop.store.RecordedEvent;

import java.util.Set;

/**
 * Takes snapshots off the append path: at every n-th version of a stream (per {@link SnapshotPolicy}) it loads the
 * aggregate at exactly that version and stores it. Idempotent (a snapshot replaces one at the same version) and
 * order-proof (the state at a version does not depend on when the record arrives).
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
    public void handle(RecordedEvent event) {
        if (!policy.snapshotAt(event.aggregateType(), event.aggregateVersion())) {
            return;
        }
        types.find(event.aggregateType()).ifPresent(type -> snapshot(type, event));
    }

    private <S, E> void snapshot(AggregateType<S, E> type, RecordedEvent event) {
        aggregates.load(type, event.stream(), new LoadTarget.AtVersion(event.aggregateVersion()))
                .filter(loaded -> loaded.version() == event.aggregateVersion())
                .ifPresent(loaded -> aggregates.saveSnapshot(type, event.stream(), loaded));
    }
}
