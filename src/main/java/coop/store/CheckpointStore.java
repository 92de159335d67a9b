package coop.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints of the stream subscribers, and their per-aggregate cursors.
 *
 * <p>Subscribers serve every tenant, so progress (last event, errors) is kept per subscriber and tenant: a tenant is
 * shown only its own, an operator the whole deployment. The status (running, rebuilding) is per subscriber.
 *
 * <p>A cursor is the last version of one stream a subscriber handled: triggers keep one so that a redelivered event
 * is recognised without loading anything, and so that they never act twice on one version.
 */
public interface CheckpointStore {

    /** The deployment's view of a subscriber: its status and every tenant's progress (most recent first). */
    Optional<Checkpoint> find(String name);

    /** One tenant's view of a subscriber: its status and that tenant's progress only. */
    Optional<Checkpoint> find(String name, String tenantId);

    /** Records one batch's progress of {@code name} for one tenant, in one write. */
    void recordBatch(String name, String tenantId, BatchProgress progress, Instant now);

    /** Counts a failure that concerns the whole deployment (e.g. a rebuild), shown to operators only. */
    void recordFailure(String name, String error, Instant now);

    void setStatus(String name, Checkpoint.Status status, Instant now);

    /** The cursors of {@code name} for these streams, read together; a stream without a cursor is absent. */
    Map<StreamId, Long> cursors(String name, Collection<StreamId> streams);

    /**
     * Moves these cursors forward, one conditional write per stream: a cursor already at or past its version stays
     * where it is, so an invocation that read the cursors before a racing one moved them (a replay of older events
     * racing the live stream) never moves one back.
     */
    void moveCursors(String name, Map<StreamId, Long> versions);
}
