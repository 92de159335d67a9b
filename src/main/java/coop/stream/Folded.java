package coop.stream;

import coop.app.Loaded;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One aggregate's state after the events of a batch.
 *
 * @param state        after the last event that folded; empty when none did
 * @param startVersion the version the stored starting point (a read-model row) was at, 0 without one
 * @param failedAt     the first event that did not fold (it and the later ones are held back); empty when all did
 * @param error        why it did not fold
 * @param steps        the events the fold applied, oldest first, each with the state right after it (ending at
 *                     {@code state}); empty when the starting point was already past the batch's events
 */
public record Folded<S>(Optional<Loaded<S>> state, long startVersion, OptionalLong failedAt,
                        Optional<RuntimeException> error, List<Applied<S>> steps) {

    public Folded {
        steps = List.copyOf(steps);
    }

    static <S> Folded<S> ok(Optional<Loaded<S>> state, long startVersion, List<Applied<S>> steps) {
        return new Folded<>(state, startVersion, OptionalLong.empty(), Optional.empty(), steps);
    }

    static <S> Folded<S> failed(Optional<Loaded<S>> state, long startVersion, long at, RuntimeException error,
                                List<Applied<S>> steps) {
        return new Folded<>(state, startVersion, OptionalLong.of(at), Optional.of(error), steps);
    }

    /** The version of the state, 0 when there is none. */
    public long version() {
        return state.map(Loaded::version).orElse(0L);
    }

    /** Throws what stopped the fold, naming the version it stopped at, if it stopped at or before {@code version}. */
    public void requireFoldedUpTo(long version) {
        if (failedAt.isPresent() && failedAt.getAsLong() <= version) {
            throw new AggregateFailed(failedAt.getAsLong(), error.orElseThrow());
        }
    }
}
