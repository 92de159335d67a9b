package coop.store;

import java.util.Optional;

/**
 * Brings events stored by earlier releases up to date: each event gets its event-id item (so its id is protected
 * against reuse and {@code GET /events/{id}} finds it) and its time-version key (so as-of loads find it); each
 * stream with an event that has no chain hash is chained (docs/ledger.md), walked in version order from its start;
 * and personal values stored in clear, before sealing, are sealed under their aggregate's key, in the events and in
 * the aggregate's snapshots and read-model rows. Works page by page over a parallel scan; every write is conditional
 * and only adds or seals what is missing, so a page done twice (a retry, a second backfill) changes nothing.
 */
public interface EventBackfill {

    /**
     * Backfills one page of segment {@code segment} of {@code totalSegments} of the events table.
     *
     * @param after where the previous page of this segment ended ({@link BackfillPage#next()}); empty to start
     */
    BackfillPage backfill(int segment, int totalSegments, Optional<String> after, int pageSize);
}
