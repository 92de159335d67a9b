package coop.store;

import java.util.Optional;

/**
 * Where one segment of a rebuild stands: its checkpoint, written after every page, so that a crashed segment resumes
 * at the page it was on instead of from the start.
 *
 * @param pages      pages done; the next checkpoint write expects exactly this number, so of two invocations of the
 *                   same segment only one moves it on
 * @param position   where the next page starts; empty before the first page and once the segment is done
 * @param eventsDone events read by the pages done
 */
public record RebuildSegment(int segment, long pages, Optional<String> position, long eventsDone, boolean done) {
}
