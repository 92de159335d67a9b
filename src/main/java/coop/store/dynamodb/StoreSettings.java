package coop.store.dynamodb;

/**
 * How the DynamoDB store is wired: its tables, and how hard it tries when appending with expected version "any".
 *
 * @param anyRetries how many times an append with expected version "any" tries again after losing a race
 */
public record StoreSettings(String eventsTable, String snapshotsTable, int anyRetries) {

    public static final int DEFAULT_ANY_RETRIES = 5;

    public StoreSettings(String eventsTable, String snapshotsTable) {
        this(eventsTable, snapshotsTable, DEFAULT_ANY_RETRIES);
    }
}
