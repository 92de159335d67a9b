package coop.store;

import java.util.List;
import java.util.Optional;

/**
 * What backfilling one page did.
 *
 * @param eventsRead       events the page held
 * @param idsAdded         event-id items written (the id had none)
 * @param timeKeysAdded    events given their time-version key (they had none)
 * @param eventsChained    events given their chain hash (their stream was written before hash chains)
 * @param duplicateIds     ids whose item points at another event: a duplicate stored before ids were unique,
 *                         left as it is for the operator to resolve
 * @param itemsSealed      events, snapshots and read-model rows whose personal values were in clear, now sealed
 * @param next             where the segment goes on; empty when the segment is done
 */
public record BackfillPage(int eventsRead, int idsAdded, int timeKeysAdded, int eventsChained,
                           List<DuplicateEventId> duplicateIds, int itemsSealed, Optional<String> next) {

    public BackfillPage {
        duplicateIds = List.copyOf(duplicateIds);
    }

    /** The page as a rebuild checkpoint counts it. */
    public SegmentPage asSegmentPage() {
        return new SegmentPage(List.of(), eventsRead, next);
    }
}
