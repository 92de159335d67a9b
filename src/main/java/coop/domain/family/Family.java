package coop.domain.family;

import coop.domain.AggregateType;
import coop.domain.Compensations;
import coop.domain.EventCatalog;

import java.util.List;

/**
 * The Family aggregate type: a family of the co-op, from enrolment to withdrawal, with its children, its fees and
 * its portal access. Stateless; use {@link #INSTANCE} (or {@code new Family()} where a framework wants to build it).
 *
 * <p>Compensations, used when a correlation is reverted:
 * <table>
 *   <caption>Family compensations</caption>
 *   <tr><th>original event</th><th>compensating event</th><th>skipped when</th></tr>
 *   <tr><td>{@code FamilyWithdrawn}</td><td>{@code FamilyWithdrawalReversed(reason, originalEventId)}</td>
 *       <td>the family is no longer withdrawn</td></tr>
 *   <tr><td>{@code PortalAccessLocked}</td><td>{@code PortalAccessRestored(reason)}</td>
 *       <td>the portal access is no longer locked</td></tr>
 *   <tr><td>{@code VacationStarted}</td><td>{@code VacationEnded(endDate = the vacation's start date)}</td>
 *       <td>the family is no longer on that vacation (same start date)</td></tr>
 *   <tr><td>{@code EngagementScoreUpdated}</td><td>none</td>
 *       <td>always: the event does not carry the previous score</td></tr>
 *   <tr><td>any other event</td><td>none</td><td>always: "no compensation is defined for &lt;EventType&gt;"</td></tr>
 * </table>
 *
 * <p>A mistaken vacation ends on the day it started, so that it lasted no time at all: the date comes from the
 * original event, not from a clock, so reverting gives the same event whenever it runs.
 */
public final class Family implements AggregateType<FamilyState, FamilyEvent> {

    /** The stored and routed aggregate type name. */
    public static final String NAME = "Family";

    /** The one instance the application needs. */
    public static final Family INSTANCE = new Family();

    private static final Compensations<FamilyState, FamilyEvent> COMPENSATIONS = new FamilyCompensations();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCatalog<FamilyEvent> events() {
        return FamilyEvents.CATALOG;
    }

    @Override
    public FamilyState initialState(String aggregateId) {
        return FamilyState.initial(aggregateId);
    }

    @Override
    public FamilyState evolve(FamilyState state, FamilyEvent event) {
        return FamilyEvolution.evolve(state, event);
    }

    @Override
    public void check(FamilyState state, FamilyEvent event) {
        FamilyRules.check(state, event);
    }

    @Override
    public Class<FamilyState> stateType() {
        return FamilyState.class;
    }

    /**
     * 2: payments became the recent ones, next to a count and totals, so the state no longer grows with them. 3: the
     * state says whether the family's personal data was erased. 4: the state holds the contact address and the
     * notices the family opted out of.
     */
    @Override
    public int stateSchemaVersion() {
        return 4;
    }

    @Override
    public boolean personalDataErased(FamilyState state) {
        return state.personalDataErased();
    }

    /** Where the personal values of {@link FamilyEvents} end up in the state. */
    @Override
    public List<String> personalStateFields() {
        return List.of("family_name", "children.child_name", "children.age", "children.grade", "email");
    }

    @Override
    public Compensations<FamilyState, FamilyEvent> compensations() {
        return COMPENSATIONS;
    }
}
