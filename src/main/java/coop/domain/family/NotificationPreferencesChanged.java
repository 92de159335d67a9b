package coop.domain.family;

/**
 * The family chose whether it receives one kind of notice.
 *
 * @param notice the {@link NoticeKind#storedName()} of the kind
 * @param choice {@value #OPT_OUT} or {@value #OPT_IN}
 */
public record NotificationPreferencesChanged(String notice, String choice) implements FamilyEvent {

    public static final String OPT_OUT = "opt_out";
    public static final String OPT_IN = "opt_in";

    public boolean optsOut() {
        return OPT_OUT.equals(choice);
    }
}
