package coop.store.dynamodb;

/** The tables of the DynamoDB store: events, the event ids that keep each id unique per tenant, and snapshots. */
public record StoreSettings(String eventsTable, String eventIdsTable, String snapshotsTable) {
}
