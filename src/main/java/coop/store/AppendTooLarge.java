package coop.store;

/** An append the store refuses before writing anything: too many events, or an event too big for one item. */
public final class AppendTooLarge extends RuntimeException {

    public AppendTooLarge(String message) {
        super(message);
    }
}
