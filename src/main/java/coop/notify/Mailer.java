package coop.notify;

/** Hands one message to the mail provider. */
public interface Mailer {

    /**
     * Sends {@code message} to {@code to}.
     *
     * @return the provider's id for the accepted message
     * @throws RuntimeException when the provider did not accept it (it may or may not have, on a timeout)
     */
    String send(String to, NoticeMessage message);
}
