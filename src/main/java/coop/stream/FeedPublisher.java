package coop.stream;

import java.util.List;
import java.util.Map;

/** Where the feed sends event envelopes (an EventBridge bus in AWS). */
public interface FeedPublisher {

    /**
     * Publishes the envelopes, in as few requests as the bus allows.
     *
     * @return the envelopes the bus refused, by event id, with the reason; they are delivered again
     * @throws RuntimeException when nothing could be sent
     */
    Map<String, String> publish(List<FeedEvent> events);
}
