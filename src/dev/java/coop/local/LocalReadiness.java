package coop.local;

/**
 * A part of the local run that needs time to get ready (the HTTP server, the stream poller). {@code GET /health}
 * answers 200 only once every bean of this type is ready, so scripts can wait for it.
 */
public interface LocalReadiness {

    /** A short name for the health report, e.g. {@code stream-poller}. */
    String name();

    boolean ready();
}
