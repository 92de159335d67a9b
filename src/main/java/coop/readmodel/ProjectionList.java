package coop.readmodel;

import java.util.List;

/** {@code GET /projections}: {@code {"projections": [...]}}. */
public record ProjectionList(List<ProjectionInfo> projections) {

    public ProjectionList {
        projections = List.copyOf(projections);
    }
}
