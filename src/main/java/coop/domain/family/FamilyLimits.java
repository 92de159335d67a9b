package coop.domain.family;

import coop.domain.Field;

/**
 * How far one family may grow. Each limit is far beyond what a real co-op family reaches, and together they keep the
 * Family state, and so its snapshot and its summary row, far below DynamoDB's 400 KB item limit: about 85 KB at the
 * very worst (every limit reached, every text of characters that JSON escapes to six bytes each), about 50 KB with
 * plain letters, most of it the unpaid dues. Text lengths count UTF-16 units, as JSON does. Payload checks refuse a text that is too long (400);
 * the rules refuse an event that would take the state past a count (422).
 */
public final class FamilyLimits {

    /** Children of one family: more than any co-op family has, few enough that the list stays small. */
    public static final int MAX_CHILDREN = 20;

    /**
     * Dues not yet paid at once: a monthly fee for each of 20 children left unpaid for two years is 480. Beyond it a
     * family's payments need sorting out before more is charged; the fold does work in proportion to this list.
     */
    public static final int MAX_UNPAID_DUES = 500;

    /** A family's, parent's or child's name: long double-barrelled names with titles fit well within it. */
    public static final int MAX_NAME_LENGTH = 200;

    /** A payment method ("check", "bank transfer #4411 via the co-op's account"): a label, not a note. */
    public static final int MAX_PAYMENT_METHOD_LENGTH = 100;

    /** A free-text reason: a paragraph. Reasons are kept in the events only, never in the state. */
    public static final int MAX_REASON_LENGTH = Field.MAX_TEXT_LENGTH;

    /** An event id, as the store takes them: 1 to 200 characters. */
    public static final int MAX_EVENT_ID_LENGTH = 200;

    /** Longest notice name or choice ({@code payment_reminder}, {@code opt_out}): a little room above the longest. */
    public static final int MAX_NOTICE_NAME_LENGTH = 40;

    private FamilyLimits() {
    }
}
