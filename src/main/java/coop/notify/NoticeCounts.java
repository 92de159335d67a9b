package coop.notify;

/**
 * What the notices count for the alarms (the EMF metrics implement it), so that the notifier and the stream that
 * drives it need no more than this of the observability layer above them.
 */
public interface NoticeCounts {

    /** A notice went out. */
    void noticeSent(String kind);

    /** Notices decided not to be sent, by why (opted_out, too_old, ...). */
    void noticesSkipped(String reason, long count);

    /** A notice the provider refused on its last attempt; nobody will retry it. */
    void noticeSendFailed(String kind);
}
