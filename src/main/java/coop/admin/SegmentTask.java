package coop.admin;

/**
 * One segment of one rebuild: the payload of an asynchronous {@code rebuildProjection} invocation. It carries no
 * position: the segment's checkpoint does, so a retried or continued invocation resumes where the last one stopped.
 */
public record SegmentTask(String rebuildId, String projectionName, int segment, int totalSegments) {
}
