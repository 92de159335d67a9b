package coop.notify;

/** One notice as the family reads it: a subject, a plain-text body and the same in HTML. */
public record NoticeMessage(String subject, String text, String html) {
}
