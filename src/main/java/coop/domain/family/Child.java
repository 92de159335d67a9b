package coop.domain.family;

/** A child of the family, as it was added; age and grade may be unknown. */
public record Child(String childName, Integer age, Integer grade) {
}
