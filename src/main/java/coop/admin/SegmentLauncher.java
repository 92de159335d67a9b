package coop.admin;

/**
 * Runs a segment of a rebuild in its own invocation, asynchronously: in AWS an asynchronous invoke of
 * {@code rebuildProjection} (Lambda retries a failed one twice); locally a background executor.
 */
public interface SegmentLauncher {

    void launch(SegmentTask task);
}
