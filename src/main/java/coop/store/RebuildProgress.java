package coop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A rebuild's progress, as {@code GET /projections} shows it: segments and events done, of how many. */
public record RebuildProgress(String rebuildId, int segmentsDone, int totalSegments, long eventsDone,
                             long eventsTotal, Instant startedAt, Optional<Instant> finishedAt) {

    public static RebuildProgress of(Rebuild rebuild, List<RebuildSegment> segments) {
        return new RebuildProgress(rebuild.id(), (int) segments.stream().filter(RebuildSegment::done).count(),
                rebuild.totalSegments(), segments.stream().mapToLong(RebuildSegment::eventsDone).sum(),
                rebuild.eventsTotal(), rebuild.startedAt(), rebuild.finishedAt());
    }
}
