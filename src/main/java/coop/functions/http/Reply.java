package coop.functions.http;

/** A successful answer: a status and a body that {@link coop.app.Json#mapper()} serialises, or a {@link TextBody}. */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply accepted(Object body) {
        return new Reply(202, body);
    }

    /** 200 with {@code text} as the body, of {@code contentType}. */
    public static Reply text(String contentType, String text) {
        return new Reply(200, new TextBody(contentType, text));
    }
}
