package coop.admin;

import coop.store.ParkedFamily;
import coop.store.ParkingStore;
import coop.store.StreamId;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Un-parks an aggregate the stream set aside: replays its events from the first parked one to its newest, in
 * order, through {@link Replay} (so every subscriber runs on them, idempotently), and releases the parking only when
 * all of them went through. Fix the cause first: if they fail again, the aggregate stays parked and the result names
 * the events.
 */
public final class Unpark {

    private static final Logger LOG = Logger.getLogger(Unpark.class);
    /** Records parked while a replay ran (a live batch that met the old fault) make one more round. */
    private static final int ROUNDS = 3;

    private final Replay replay;
    private final ParkingStore parking;

    public Unpark(Replay replay, ParkingStore parking) {
        this.replay = replay;
        this.parking = parking;
    }

    /**
     * Un-parks every parked aggregate of every tenant, one after the other (after a fix that concerned many, e.g. a
     * release that folds an event type again); those that fail again stay parked and are named in the result.
     */
    public ReplayResult unparkAll() {
        int replayed = 0;
        List<String> failed = new ArrayList<>();
        for (ParkedFamily parked : parking.parkedEverywhere()) {
            ReplayResult result = unpark(parked.stream());
            replayed += result.replayed();
            failed.addAll(result.failedEventIds());
        }
        return new ReplayResult(replayed, failed);
    }

    /** Replays the stream's parked events and un-parks it once they go through; nothing to do if it is not parked. */
    public ReplayResult unpark(StreamId stream) {
        int replayed = 0;
        List<String> failed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Optional<ParkedFamily> parked = parking.find(stream);
            if (parked.isEmpty()) {
                break;
            }
            ReplayResult result = replay.replay(stream, parked.get().fromVersion(), Long.MAX_VALUE);
            replayed += result.replayed();
            failed = result.failedEventIds();
            if (!failed.isEmpty()) {
                LOG.warnf("%s stays parked: %d event(s) failed again", stream, failed.size());
                break;
            }
            if (parking.release(parked.get())) {
                LOG.infof("%s un-parked after replaying from version %d", stream, parked.get().fromVersion());
                break;
            }
        }
        return new ReplayResult(replayed, failed);
    }
}
