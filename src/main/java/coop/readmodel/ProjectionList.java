package coop.readmodel;

import coop.store.ParkedFamily;

import java.util.List;

/**
 * {@code GET /projections}: {@code {"projections": [...], "parked_families": [...]}}; the parked families (an
 * extension of API.md, see the README) are the aggregates the stream set aside: the caller's tenant's, or for the
 * platform's operators every tenant's.
 */
public record ProjectionList(List<ProjectionInfo> projections, List<ParkedFamily> parkedFamilies) {

    public ProjectionList {
        projections = List.copyOf(projections);
        parkedFamilies = List.copyOf(parkedFamilies);
    }
}
