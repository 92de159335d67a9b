package coop.store.dynamodb;

import java.time.Duration;

/**
 * The tables of the DynamoDB store (events, the event ids that keep each id unique per tenant, and snapshots), and
 * how long a load waits for the snapshot it stores on demand.
 */
public record StoreSettings(String eventsTable, String eventIdsTable, String snapshotsTable,
                            Duration snapshotWriteTimeout) {

    public static final Duration DEFAULT_SNAPSHOT_WRITE_TIMEOUT = Duration.ofSeconds(1);

    public StoreSettings(String eventsTable, String eventIdsTable, String snapshotsTable) {
        this(eventsTable, eventIdsTable, snapshotsTable, DEFAULT_SNAPSHOT_WRITE_TIMEOUT);
    }
}
