package coop.app;

import coop.store.StreamId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest state this function instance saw of each aggregate it recently loaded or appended to, so that the next
 * append can be checked against it and written at its version without loading it again: the write's condition on
 * (stream, version) proves that nobody appended in between, and a lost condition makes the writer forget the entry
 * and load. Only appends ask it anything; reads always load, since nothing here says an entry is still current.
 *
 * <p>Bounded: the least recently used entry goes once {@code capacity} are held. An entry is the key, a small
 * record and the state, which it shares with nothing else once the request that made it has answered (measured: a
 * Family of three children and its 20 recent payments is about 3 KB of heap, so 2,000 of them about 6 MB; one at
 * every limit of {@code FamilyLimits} about 80 KB). Entries only move forward: a state older than the one held is
 * ignored, so a slow load cannot replace what a faster append left. Thread-safe; states are immutable, so two
 * writers may hold the same one.
 *
 * <p>An entry is also forgotten {@code maxAge} after it was last remembered or moved forward: a state holds personal
 * values in clear, and another instance may erase the family meanwhile; the deployment gives it the key cache's time
 * to live ({@code coop.keys.cache-ttl}), so a warm instance elsewhere holds neither key nor clear state longer.
 *
 * <p>Nothing here outlives the process that built it, so a state schema or an upcaster of another release never
 * meets a remembered state: those matter only for what is stored (snapshots and events), which loads still read.
 */
public final class WarmStates {

    /** Remembers nothing: every append loads. */
    public static final WarmStates NONE = new WarmStates(0);

    /**
     * A state and the version it is the state after.
     *
     * @param replayed how many events a load of that version replays after the newest snapshot, as far as this
     *                 instance knows: appends on it add to it, so that one due for a snapshot can be loaded instead
     * @param chainHash the chain hash of the event at {@code version}, for the next append to chain on without a
     *                  read; empty when not known here
     */
    public record Known<S>(S state, long version, long replayed, Optional<String> chainHash) {

        public Known(S state, long version, long replayed) {
            this(state, version, replayed, Optional.empty());
        }
    }

    private record Held(Known<?> known, Instant remembered) {
    }

    private final int capacity;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<StreamId, Held> entries;

    /** @param capacity how many aggregates to remember at most; 0 remembers none */
    public WarmStates(int capacity) {
        this(capacity, Clock.systemUTC(), Duration.ofDays(365_000));
    }

    /**
     * @param capacity how many aggregates to remember at most; 0 remembers none
     * @param maxAge   how long an entry is kept after it was last remembered or moved forward
     */
    public WarmStates(int capacity, Clock clock, Duration maxAge) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, not " + capacity);
        }
        this.capacity = maxAge.isZero() || maxAge.isNegative() ? 0 : capacity;
        this.clock = clock;
        this.maxAge = maxAge;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<StreamId, Held> eldest) {
                return size() > WarmStates.this.capacity;
            }
        };
    }

    /** The state last remembered for {@code stream}, of the type {@code stream} names, unless it is too old. */
    @SuppressWarnings("unchecked")
    public synchronized <S> Optional<Known<S>> get(StreamId stream) {
        return Optional.ofNullable(current(stream)).map(known -> (Known<S>) known);
    }

    private Known<?> current(StreamId stream) {
        Held held = entries.get(stream);
        if (held == null) {
            return null;
        }
        if (!clock.instant().isBefore(held.remembered().plus(maxAge))) {
            entries.remove(stream);
            return null;
        }
        return held.known();
    }

    private void hold(StreamId stream, Known<?> known) {
        entries.put(stream, new Held(known, clock.instant()));
    }

    /**
     * Remembers {@code state} as the state after {@code version}, a load of which replays {@code replayed} events,
     * unless a later one is remembered already. One of the same version is replaced: it is the same state, but a
     * load that just stored a snapshot knows better what the next load replays.
     */
    public synchronized <S> void remember(StreamId stream, S state, long version, long replayed,
                                          Optional<String> chainHash) {
        if (capacity == 0) {
            return;
        }
        Known<?> held = current(stream);
        if (held == null || held.version() <= version) {
            hold(stream, new Known<>(state, version, replayed, chainHash));
        }
    }

    /** {@link #remember(StreamId, Object, long, long, Optional)} without a known chain hash. */
    public <S> void remember(StreamId stream, S state, long version, long replayed) {
        remember(stream, state, version, replayed, Optional.empty());
    }

    /**
     * Moves the remembered state of {@code stream} from {@code followed} to {@code after} at {@code version}, once
     * events were written after it (a write at 0 needs nothing remembered: it created the stream). Nothing when the
     * state after {@code followed} is not the one remembered (the writer started from a state it got elsewhere, e.g.
     * a trigger's batch): what a load of it replays is unknown.
     */
    public synchronized <S> void advance(StreamId stream, long followed, S after, long version,
                                         Optional<String> chainHash) {
        Known<?> held = current(stream);
        if (held != null && held.version() == followed) {
            hold(stream, new Known<>(after, version, held.replayed() + version - followed, chainHash));
        } else if (followed == 0) {
            remember(stream, after, version, version, chainHash);
        }
    }

    /** {@link #advance(StreamId, long, Object, long, Optional)} without a known chain hash. */
    public <S> void advance(StreamId stream, long followed, S after, long version) {
        advance(stream, followed, after, version, Optional.empty());
    }

    /**
     * Forgets what is remembered for {@code stream} if it is still the state after {@code version}: a writer that
     * lost its condition on that version must not drop a later state another thread has remembered meanwhile.
     */
    public synchronized void forget(StreamId stream, long version) {
        Known<?> held = current(stream);
        if (held != null && held.version() == version) {
            entries.remove(stream);
        }
    }

    /** Forgets what is remembered for {@code stream}, whatever its version (an erasure leaves no copy behind). */
    public synchronized void forget(StreamId stream) {
        entries.remove(stream);
    }

    public synchronized int size() {
        return entries.size();
    }
}
