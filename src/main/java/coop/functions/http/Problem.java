package coop.functions.http;

/** One problem with one field of a request, for the {@code details} of a 400 answer. */
public record Problem(String field, String problem) {
}
