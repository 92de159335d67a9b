package coop.domain;

/** The answer of {@link Compensations}: append an event, or skip with a reason an administrator can read. */
public sealed interface Compensation<E> {

    record Append<E>(E event) implements Compensation<E> {
    }

    record Skip<E>(String reason) implements Compensation<E> {
    }
}
