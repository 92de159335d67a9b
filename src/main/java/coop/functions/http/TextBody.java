package coop.functions.http;

/** A {@link Reply} body sent as it is, not as JSON: e.g. a CSV export. */
public record TextBody(String contentType, String text) {
}
