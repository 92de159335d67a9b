package coop.domain;

/**
 * How to undo an event by appending another one. The mistaken event stays in the history; the compensating event
 * records that it was corrected, and why.
 */
@FunctionalInterface
public interface Compensations<S, E> {

    /**
     * What undoes {@code original} on an aggregate now in {@code current}: an event to append, or a reason why
     * nothing is appended (no compensation is defined for that type, or the current state no longer needs one).
     *
     * @param originalEventId the stored id of {@code original}, for events that refer back to it
     */
    Compensation<E> compensate(S current, E original, String originalEventId, String reason);

    static <S, E> Compensations<S, E> none() {
        return (current, original, originalEventId, reason) ->
                new Compensation.Skip<>("no compensation is defined for this event type");
    }
}
