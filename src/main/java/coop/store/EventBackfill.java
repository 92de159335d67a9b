package coop.store;

import java.util.Optional;

/**
 * Brings events stored before the event-ids table and the {@code by_stream_time} index up to date: each event gets
 * its event-id item (so its id is protected against reuse and {@code GET /events/{id}} finds it) and its
 * time-version key (so as-of loads find it); and each stream with an event that has no chain hash is chained
 * (docs/ledger.md), walked in version order from its start. Works page by page over a parallel scan; every write is conditional
 * and only adds what is missing, so a page done twice (a retry, a second backfill) changes nothing.
 */
public interface EventBackfill {

    /**
     * Backfills one page of segment {@code segment} of {@code totalSegments} of the events table.
     *
     * @param after where the previous page of this segment ended ({@link BackfillPage#next()}); empty to start
     */
    BackfillPage backfill(int segment, int totalSegments, Optional<String> after, int pageSize);
}
