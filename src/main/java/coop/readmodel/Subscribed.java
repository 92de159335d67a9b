package coop.readmodel;

/**
 * A subscriber of the events table's stream as {@code GET /projections} lists it. The stream side registers them;
 * declared here so that the read side asks for what it lists without depending on the stream side.
 */
public interface Subscribed {

    /** Also the name of the subscriber's checkpoint. */
    String name();

    HandlerType handlerType();

    boolean active();
}
