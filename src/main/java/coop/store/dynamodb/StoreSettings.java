package coop.store.dynamodb;

import java.time.Duration;

/**
 * How the DynamoDB store is wired: its tables, and how hard it tries when appending with expected version "any".
 *
 * @param anyRetries           how many times an append with expected version "any" tries again after losing a race
 * @param snapshotWriteTimeout the longest a load waits for the snapshot it stores on demand
 */
public record StoreSettings(String eventsTable, String snapshotsTable, int anyRetries, Duration snapshotWriteTimeout) {

    public static final int DEFAULT_ANY_RETRIES = 5;
    public static final Duration DEFAULT_SNAPSHOT_WRITE_TIMEOUT = Duration.ofSeconds(1);

    public StoreSettings(String eventsTable, String snapshotsTable, int anyRetries) {
        this(eventsTable, snapshotsTable, anyRetries, DEFAULT_SNAPSHOT_WRITE_TIMEOUT);
    }

    public StoreSettings(String eventsTable, String snapshotsTable) {
        this(eventsTable, snapshotsTable, DEFAULT_ANY_RETRIES);
    }
}
