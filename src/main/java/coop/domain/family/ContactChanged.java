package coop.domain.family;

/** The family's contact address changed: the co-op's notices go to {@code email} from now on. */
public record ContactChanged(String email) implements FamilyEvent {
}
