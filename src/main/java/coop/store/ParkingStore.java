package coop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Failure counts and parking of aggregates whose stream records keep failing. Written only when a delivery fails
 * (a batch that goes through costs nothing here); read by the operator's un-park and by {@code GET /projections}.
 */
public interface ParkingStore extends ParkedFamilies {

    /**
     * Counts one failed delivery of {@code stream} whose first failed event is {@code version}: the count goes on
     * while the same event fails (or while the stream is parked) and starts again at 1 on another event, or when the
     * last failure is more than an hour old (the stream gives a record up by then).
     *
     * @return the count after this failure, and whether the stream is parked already
     */
    FamilyFailures countFailure(StreamId stream, long version, String error, Instant now);

    /**
     * Parks {@code stream} from {@code fromVersion} (kept if it is parked already: the first parked version stays)
     * and adds {@code events} to its parked records.
     *
     * @return false when its failure count is gone: an operator released it since it was counted, so the events
     *         are not parked (they fail, and are delivered again)
     */
    boolean park(StreamId stream, long fromVersion, int events, Instant now);

    /** The stream's parking, if it is parked. */
    Optional<ParkedFamily> find(StreamId stream);

    /**
     * Un-parks the stream as {@code seen}: only if nothing was parked since it was read (else false, and the stream
     * stays parked: its newer parked records need replaying too). Its failure count goes with it.
     */
    boolean release(ParkedFamily seen);
}
