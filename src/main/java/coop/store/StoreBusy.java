package coop.store;

/**
 * DynamoDB kept refusing part of a batch (unprocessed items: throttling) through every round the store waits out.
 * Nothing is wrong with the request: a retry later may succeed, so the API answers it like any throttled call.
 */
public final class StoreBusy extends RuntimeException {

    public StoreBusy(String message) {
        super(message);
    }
}
