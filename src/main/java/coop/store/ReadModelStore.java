package coop.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Rows of the read models, each keeping the last aggregate version applied to it. */
public interface ReadModelStore {

    Optional<ReadModelRow> find(String tenantId, String model, String rowId);

    /** The stored rows of {@code model} among these (tenant, row id) keys, read together; missing rows are absent. */
    List<ReadModelRow> findAll(String model, Collection<RowKey> keys);

    /** A row's address within a model. */
    record RowKey(String tenantId, String rowId) {
    }

    /**
     * Writes the row unless the stored one already has this version or a later one, so that racing or redelivered
     * updates can never move a row backwards.
     *
     * @return false when the stored row was as new or newer, and nothing was written
     */
    boolean putIfNewer(ReadModelRow row);

    /** Like {@link #putIfNewer}, but also overwrites a row of the same version: for rebuilds. */
    boolean putIfNotOlder(ReadModelRow row);

    /**
     * The rows of one listing of one model in a tenant, by row id, served by an index, never a scan.
     *
     * @throws InvalidPageToken when the token was not handed out for this listing
     */
    ReadModelPage list(String tenantId, String model, String listing, int limit, Optional<String> pageToken);

    /** Remembers that a tenant has read-model rows, so scheduled jobs can visit every tenant without a scan. */
    void registerTenant(String tenantId);

    List<String> tenants();
}
