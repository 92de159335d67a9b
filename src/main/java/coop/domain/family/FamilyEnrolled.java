package coop.domain.family;

import java.time.LocalDate;

/** A family joined the co-op. The family id is the aggregate id, so it is not repeated here. */
public record FamilyEnrolled(String familyName, LocalDate enrollmentDate, String parentName, Integer childrenCount)
        implements FamilyEvent {
}
