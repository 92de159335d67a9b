package coop.domain.family;

/** Where a family stands with the co-op. Stored and served lower-case: {@code on_vacation}. */
public enum FamilyStatus {
    /** Before {@link FamilyEnrolled}: the stream does not really exist yet. */
    NOT_ENROLLED,
    ENROLLED,
    ON_VACATION,
    WITHDRAWN
}
