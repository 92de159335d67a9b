package coop.domain.family;

import java.time.LocalDate;

/**
 * A family joined the co-op. The family id is the aggregate id, so it is not repeated here.
 *
 * @param email where the co-op's notices go; null when the family gave none (then it gets no notices)
 */
public record FamilyEnrolled(String familyName, LocalDate enrollmentDate, String parentName, Integer childrenCount,
                             String email) implements FamilyEvent {

    /** An enrolment without a contact address, as every enrolment was before notices existed. */
    public FamilyEnrolled(String familyName, LocalDate enrollmentDate, String parentName, Integer childrenCount) {
        this(familyName, enrollmentDate, parentName, childrenCount, null);
    }
}
