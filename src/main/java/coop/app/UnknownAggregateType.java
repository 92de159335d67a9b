package coop.app;

/** A request named an aggregate type this deployment does not serve. */
public final class UnknownAggregateType extends RuntimeException {

    public UnknownAggregateType(String name) {
        super("There is no aggregate type '" + name + "'");
    }
}
