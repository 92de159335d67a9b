package coop.store;

/** A page token that this store did not hand out, or that belongs to another query. */
public final class InvalidPageToken extends RuntimeException {

    public InvalidPageToken() {
        super("page_token is not a token this query handed out");
    }
}
