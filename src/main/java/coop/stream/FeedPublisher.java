package coop.stream;

/** Where the feed sends event envelopes (an EventBridge bus in AWS). */
public interface FeedPublisher {

    /** @throws RuntimeException when the envelope was not accepted, so the record is delivered again */
    void publish(FeedEvent event);
}
