package coop.store.dynamodb;

import coop.app.EventCodec;
import coop.app.InvalidEvents;
import coop.app.ProposedEvent;
import coop.domain.RuleViolation;
import coop.domain.family.DuePayment;
import coop.domain.family.Family;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyLimits;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyStatus;
import coop.domain.family.PortalAccess;
import coop.store.NewEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A random valid history that grows a family to every limit of {@link FamilyLimits}: the most children and unpaid
 * dues, every text at or near its longest, written with characters that cost many bytes once stored as JSON
 * (control characters escape to six bytes, quotes to two, '€' takes three, emoji four per pair). Each event
 * passes the same schema and rule checks as an append through the API; the state after each is kept.
 */
final class FamilyAtTheLimits {

    /** An accepted event as proposed and as the store would write it, and the state it leaves. */
    record Step(ProposedEvent proposed, NewEvent stored, FamilyState after) {
    }

    /** A mix of the characters that cost the most bytes as stored JSON, and some that cost less. */
    static final List<String> MIXED = List.of("\u0001", "\u001f", "\"", "\\", "€", "é", "a", "\uD83D\uDE00");

    /** Only the costliest: six bytes per character. */
    static final List<String> COSTLIEST = List.of("\u0001");

    private final Random random;
    private final List<String> characters;
    private final EventCodec codec;
    private final List<Step> steps = new ArrayList<>();
    private FamilyState state;

    FamilyAtTheLimits(Random random, List<String> characters, EventCodec codec, String familyId) {
        this.random = random;
        this.characters = characters;
        this.codec = codec;
        this.state = Family.INSTANCE.initialState(familyId);
    }

    /** Grows the family until both counts are at their limits, with other events in between; ends not withdrawn. */
    List<Step> grow() {
        accept("FamilyEnrolled", Map.of("family_name", text(FamilyLimits.MAX_NAME_LENGTH),
                "parent_name", text(FamilyLimits.MAX_NAME_LENGTH), "enrollment_date", "1900-01-01",
                "children_count", FamilyLimits.MAX_CHILDREN));
        while (state.children().size() < FamilyLimits.MAX_CHILDREN
                || state.dues().size() < FamilyLimits.MAX_UNPAID_DUES) {
            switch (random.nextInt(12)) {
                case 0, 1 -> accept("ChildAdded", Map.of("child_name", text(FamilyLimits.MAX_NAME_LENGTH),
                        "age", random.nextInt(26), "grade", random.nextInt(13)));
                case 2, 3, 4 -> accept("PaymentDue", Map.of("amount", largeAmount(), "due_date", date()));
                case 5 -> accept("PaymentReceived", Map.of("amount", new BigDecimal(random.nextInt(99) + 1)
                        .movePointLeft(2), "date", date(), "payment_method",
                        text(FamilyLimits.MAX_PAYMENT_METHOD_LENGTH)));
                case 6 -> overdue();
                case 7 -> accept(state.portalAccess() == PortalAccess.LOCKED ? "PortalAccessRestored"
                        : "PortalAccessLocked", Map.of("reason", text(FamilyLimits.MAX_REASON_LENGTH)));
                case 8 -> accept("EngagementScoreUpdated", Map.of("new_score", random.nextInt(101)));
                case 9 -> withdrawOrReverse();
                case 10 -> vacation();
                default -> accept("PaymentDue", Map.of("amount", largeAmount(), "due_date", date()));
            }
        }
        if (state.status() == FamilyStatus.WITHDRAWN) {
            withdrawOrReverse(); // so that only the counts can refuse what comes next
        }
        return List.copyOf(steps);
    }

    FamilyState state() {
        return state;
    }

    /** Appends the event if it passes the schema and the rules, as the service would; otherwise changes nothing. */
    boolean accept(String eventType, Map<String, Object> data) {
        ProposedEvent proposed = new ProposedEvent(Optional.empty(), eventType, Optional.empty(), data);
        List<InvalidEvents.Problem> problems = new ArrayList<>();
        Optional<EventCodec.Checked<FamilyEvent>> checked = codec.check(Family.INSTANCE, proposed, "events[0]",
                problems);
        if (checked.isEmpty()) {
            throw new AssertionError("the generator proposed an invalid payload: " + problems);
        }
        try {
            Family.INSTANCE.check(state, checked.get().event());
        } catch (RuleViolation notNow) {
            return false;
        }
        state = Family.INSTANCE.evolve(state, checked.get().event());
        steps.add(new Step(proposed, checked.get().stored(), state));
        return true;
    }

    private void overdue() {
        List<DuePayment> open = state.dues().stream().filter(due -> !due.overdue()).toList();
        if (!open.isEmpty()) {
            DuePayment due = open.get(random.nextInt(open.size()));
            accept("PaymentOverdue", Map.of("amount", due.amount(), "due_date", due.dueDate().toString()));
        }
    }

    private void withdrawOrReverse() {
        if (state.status() == FamilyStatus.WITHDRAWN) {
            accept("FamilyWithdrawalReversed", Map.of("reason", text(FamilyLimits.MAX_REASON_LENGTH),
                    "original_event_id", "e".repeat(FamilyLimits.MAX_EVENT_ID_LENGTH)));
        } else if (random.nextInt(3) == 0) {
            accept("FamilyWithdrawn", Map.of("withdrawal_date", date(), "reason",
                    text(FamilyLimits.MAX_REASON_LENGTH)));
        }
    }

    private void vacation() {
        if (state.status() == FamilyStatus.ON_VACATION) {
            accept("VacationEnded", Map.of("end_date", "2125-12-31"));
        } else {
            accept("VacationStarted", Map.of("start_date", date(), "expected_return", "2125-12-31"));
        }
    }

    /** Amounts with the most digits the schema takes, so dues and totals are as long as they get. */
    private BigDecimal largeAmount() {
        return new BigDecimal(900_000_00 + random.nextInt(10_000_000)).movePointLeft(2);
    }

    private String date() {
        return LocalDate.of(1900, 1, 1).plusDays(random.nextInt(82_000)).toString();
    }

    /** A text of {@code limit} characters, or a few fewer, of the chosen characters after a leading letter. */
    String text(int limit) {
        int length = limit - random.nextInt(Math.min(4, limit));
        StringBuilder text = new StringBuilder("N");
        while (text.length() < length) {
            String next = characters.get(random.nextInt(characters.size()));
            if (text.length() + next.length() <= length) {
                text.append(next);
            }
        }
        return text.toString();
    }
}
