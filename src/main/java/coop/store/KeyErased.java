package coop.store;

/** An append carried personal values for an aggregate whose data key was erased; nothing was written. */
public final class KeyErased extends RuntimeException {

    public KeyErased(StreamId stream) {
        super("The personal data of " + stream.aggregateType() + " " + stream.aggregateId()
                + " was erased (PersonalDataErased), so it takes no event with personal data any more");
    }
}
