package coop.domain.family;

/**
 * The co-op told the family something: one notice went out. It carries no address, so the history says that and when
 * the family was told without holding where.
 *
 * @param notice            the {@link NoticeKind#storedName()} of the notice
 * @param channel           how it went out ({@value #EMAIL})
 * @param causingEventId    the event the notice is about
 * @param providerMessageId the id the mail provider gave the message, to trace a delivery
 */
public record NotificationSent(String notice, String channel, String causingEventId, String providerMessageId)
        implements FamilyEvent {

    public static final String EMAIL = "email";
}
