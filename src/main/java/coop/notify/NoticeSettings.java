package coop.notify;

import java.time.Duration;

/**
 * How the sender behaves.
 *
 * @param lease       how long a claim keeps other deliveries off a notice; shorter than the function's timeout, so
 *                    that the retry of a delivery that died finds it expired
 * @param sendTime    the longest a provider call may take (the mail client's call timeout): a send starts only
 *                    while at least this much of the lease is left, so no other delivery takes over mid-call
 * @param maxAttempts sends tried before the notice is {@code FAILED} and counted
 * @param maxEventAge older events send nothing: a re-read of old history is not news to anyone
 */
public record NoticeSettings(Duration lease, Duration sendTime, int maxAttempts, Duration maxEventAge) {

    public NoticeSettings {
        if (sendTime.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("The send time " + sendTime + " must be shorter than the lease " + lease);
        }
    }
}
