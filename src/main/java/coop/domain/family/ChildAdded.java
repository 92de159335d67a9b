package coop.domain.family;

/** A child of an enrolled family joined the co-op. Age and grade may be unknown. */
public record ChildAdded(String childName, Integer age, Integer grade) implements FamilyEvent {
}
