package coop.domain.family;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Given events, when one more: the state that results, each event checked by the rules first as the store would. */
final class FamilyScenario {

    static final String FAMILY_ID = "family_123";
    static final Family FAMILY = Family.INSTANCE;

    private final FamilyState state;

    private FamilyScenario(FamilyState state) {
        this.state = state;
    }

    static FamilyScenario given(FamilyEvent... history) {
        return new FamilyScenario(fold(FAMILY.initialState(FAMILY_ID), List.of(history)));
    }

    /** Throws {@link coop.domain.RuleViolation} when the event does not fit. */
    FamilyState when(FamilyEvent event) {
        return fold(state, List.of(event));
    }

    FamilyState state() {
        return state;
    }

    private static FamilyState fold(FamilyState start, List<FamilyEvent> events) {
        FamilyState current = start;
        for (FamilyEvent event : events) {
            FAMILY.check(current, event);
            current = FAMILY.evolve(current, event);
        }
        return current;
    }

    /** BigDecimal equality ignores scale here: 450 and 450.00 are the same money. */
    static void assertMoney(String expected, BigDecimal actual) {
        org.junit.jupiter.api.Assertions.assertEquals(0, new BigDecimal(expected).compareTo(actual),
                () -> "expected " + expected + " but was " + actual);
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    static FamilyEnrolled enrolled() {
        return new FamilyEnrolled("Martinez Family", date("2024-09-01"), "Maria Martinez", 2);
    }

    static PaymentDue due(String amount, String dueDate) {
        return new PaymentDue(money(amount), date(dueDate));
    }

    static PaymentOverdue overdue(String amount, String dueDate) {
        return new PaymentOverdue(money(amount), date(dueDate));
    }

    static PaymentReceived received(String amount, String date) {
        return new PaymentReceived(money(amount), date(date), "credit_card");
    }
}
