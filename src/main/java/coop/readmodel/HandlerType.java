package coop.readmodel;

/** What a subscriber does with events; served lower-case in {@code GET /projections}. */
public enum HandlerType {
    PROJECTION,
    TRIGGER,
    FEED
}
