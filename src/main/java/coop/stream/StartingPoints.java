package coop.stream;

import coop.app.Loaded;
import coop.domain.AggregateType;
import coop.store.StreamId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where the states of a batch's aggregates start from before the batch's events are applied: a read model that
 * keeps each aggregate's state (the family summary, whose served view is derived from it) hands it over, read once
 * for the whole batch.
 */
public interface StartingPoints {

    /** No stored starting points: every state is loaded from the store. */
    StartingPoints NONE = new StartingPoints() {
        @Override
        public <S> Map<StreamId, Start<S>> find(AggregateType<S, ?> type, Collection<StreamId> streams) {
            return Map.of();
        }
    };

    /** The stored starting points of these streams of {@code type}; a stream without one is absent. */
    <S> Map<StreamId, Start<S>> find(AggregateType<S, ?> type, Collection<StreamId> streams);

    /**
     * @param rowVersion the version the stored row is at
     * @param state      the state at that version, if the row carries one this code can trust
     */
    record Start<S>(long rowVersion, Optional<Loaded<S>> state) {
    }
}
