package coop.domain;

/** An event that does not fit the aggregate's current state, e.g. a child added before enrolment. */
public final class RuleViolation extends RuntimeException {

    public RuleViolation(String message) {
        super(message);
    }
}
