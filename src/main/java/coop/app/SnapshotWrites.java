package coop.app;

import coop.store.StreamId;

/**
 * Hears of every snapshot write, so operations can count them (e.g. publish {@code failed} as a metric). A failed
 * write never fails a load, but it makes every later load of that stream replay more, so it must not go unseen.
 */
public interface SnapshotWrites {

    /** Hears nothing. */
    SnapshotWrites NONE = new SnapshotWrites() {
        @Override
        public void written(StreamId stream, long version, int bytes) {
        }

        @Override
        public void failed(StreamId stream, long version, int bytes, String reason) {
        }
    };

    /** A snapshot of {@code stream} at {@code version}, its state {@code bytes} long, was stored. */
    void written(StreamId stream, long version, int bytes);

    /** A snapshot could not be stored, for {@code reason} (e.g. over the item size limit, a timeout). */
    void failed(StreamId stream, long version, int bytes, String reason);
}
