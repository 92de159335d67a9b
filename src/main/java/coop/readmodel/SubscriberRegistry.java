package coop.readmodel;

import java.util.List;

/** Where the read side finds the stream's subscribers, in registration order; the stream's dispatcher is one. */
@FunctionalInterface
public interface SubscriberRegistry {

    List<? extends Subscribed> subscriptions();
}
