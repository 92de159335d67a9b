package coop.app;

import coop.domain.AggregateType;
import coop.domain.RuleViolation;

import java.util.ArrayList;
import java.util.List;

/** What an append checks before it writes: each event against its schema, then against the aggregate's rules. */
final class AppendChecks {

    private AppendChecks() {
    }

    /**
     * Decodes each event and checks it against its type's schema.
     *
     * @throws InvalidEvents naming every problem of every event, by its position in the batch
     */
    static <E> List<EventCodec.Checked<E>> schemas(EventCodec codec, AggregateType<?, E> type,
                                                  List<ProposedEvent> events) {
        List<InvalidEvents.Problem> problems = new ArrayList<>();
        List<EventCodec.Checked<E>> checked = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            codec.check(type, events.get(i), "events[" + i + "]", problems).ifPresent(checked::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidEvents(problems);
        }
        return checked;
    }

    /**
     * Checks each event on the state the events before it in the batch leave. Once an aggregate's personal data is
     * erased, an event that carries personal values is refused whatever the type's own rules say: the values could
     * only be stored under a key that no longer exists.
     *
     * @return the state all of them leave
     * @throws RuleViolation naming the first event that does not fit, by its position in the batch
     */
    static <S, E> S rules(EventCodec codec, AggregateType<S, E> type, S state, List<EventCodec.Checked<E>> events) {
        return states(codec, type, state, events).getLast();
    }

    /**
     * The checks of {@link #rules}, keeping every state on the way: what a what-if or a dry run reports.
     *
     * @return {@code state} followed by the state each event leaves, in order
     * @throws RuleViolation naming the first event that does not fit, by its position in the batch
     */
    static <S, E> List<S> states(EventCodec codec, AggregateType<S, E> type, S state,
                                 List<EventCodec.Checked<E>> events) {
        List<S> states = new ArrayList<>(List.of(state));
        S current = state;
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i).event();
            try {
                if (type.personalDataErased(current) && codec.carriesPersonalValues(type, events.get(i).stored())) {
                    throw new RuleViolation("The personal data of this family was erased (PersonalDataErased), so "
                            + "it takes no event with personal data any more (" + String.join(", ",
                            codec.personalFields(type, events.get(i).stored())) + ")");
                }
                type.check(current, event);
            } catch (RuleViolation violation) {
                throw new RuleViolation("events[" + i + "] (" + events.get(i).stored().eventType() + "): "
                        + violation.getMessage());
            }
            current = type.evolve(current, event);
            states.add(current);
        }
        return states;
    }
}
