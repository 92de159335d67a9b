package coop.app;

/** A field name that the aggregate's state does not have. */
public final class UnknownField extends RuntimeException {

    public UnknownField(String aggregateType, String field) {
        super("The state of " + aggregateType + " has no field '" + field + "'");
    }
}
