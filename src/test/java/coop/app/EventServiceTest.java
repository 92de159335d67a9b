package coop.app;

import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentStatus;
import coop.store.AppendResult;
import coop.store.AppendTooLarge;
import coop.store.ConcurrencyConflict;
import coop.store.ExpectedVersion;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventServiceTest extends AppTest {

    private static final StreamId MARTINEZ = new StreamId(TENANT, "Family", "martinez");

    @Test
    void an_event_that_breaks_a_rule_is_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> append("martinez", ExpectedVersion.any(),
                proposed("ChildAdded", Map.of("child_name", "Sofia", "age", 8, "grade", 3))))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("events[0] (ChildAdded)");
        assertThat(store.currentVersion(MARTINEZ)).isZero();
    }

    @Test
    void a_batch_with_one_invalid_member_stores_nothing_and_names_every_problem() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));

        assertThatThrownBy(() -> append("martinez", ExpectedVersion.exactly(1),
                proposed("ChildAdded", Map.of("child_name", "Sofia", "age", 8, "grade", 3)),
                proposed("PaymentDue", Map.of("amount", -450, "due_date", "2024-02-30")),
                proposed("Teleported", Map.of())))
                .isInstanceOfSatisfying(InvalidEvents.class, invalid -> assertThat(invalid.problems())
                        .extracting(InvalidEvents.Problem::field)
                        .containsExactly("events[1].event_data.amount", "events[1].event_data.due_date",
                                "events[2].event_type"));
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(1);
    }

    @Test
    void a_batch_whose_later_event_breaks_a_rule_stores_nothing() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));

        assertThatThrownBy(() -> append("martinez", ExpectedVersion.exactly(1),
                proposed("FamilyWithdrawn", Map.of("withdrawal_date", "2024-10-01")),
                proposed("FamilyWithdrawn", Map.of("withdrawal_date", "2024-10-02"))))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("events[1]");
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(1);
    }

    @Test
    void rules_see_the_events_before_them_in_the_same_batch() {
        AppendResult result = append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("ChildAdded", Map.of("child_name", "Sofia", "age", 8, "grade", 3)),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-01")));

        assertThat(result.lastVersion()).isEqualTo(3);
        FamilyState state = repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow().state();
        assertThat(state.paymentStatus()).isEqualTo(PaymentStatus.DUE);
        assertThat(state.children()).hasSize(1);
    }

    @Test
    void a_stale_expected_version_is_a_conflict_with_both_versions() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("ChildAdded", Map.of("child_name", "Sofia")));

        assertThatThrownBy(() -> append("martinez", ExpectedVersion.exactly(1),
                proposed("ChildAdded", Map.of("child_name", "Mateo"))))
                .isInstanceOfSatisfying(ConcurrencyConflict.class, conflict -> {
                    assertThat(conflict.expected()).isEqualTo(ExpectedVersion.exactly(1));
                    assertThat(conflict.actual()).isEqualTo(2);
                });
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(2);
    }

    @Test
    void a_retried_request_with_the_same_event_ids_is_stored_once_whatever_it_expects() {
        ProposedEvent enrol = new ProposedEvent(Optional.of("enrol-1"), "FamilyEnrolled", Optional.empty(),
                Map.of("family_name", "Martinez Family", "enrollment_date", "2024-09-01"));
        AppendResult first = append("martinez", ExpectedVersion.noStream(), enrol);
        append("martinez", ExpectedVersion.exactly(1), proposed("ChildAdded", Map.of("child_name", "Sofia")));

        AppendResult sameExpectation = append("martinez", ExpectedVersion.noStream(), enrol);
        AppendResult anyExpectation = append("martinez", ExpectedVersion.any(), enrol);
        AppendResult currentExpectation = append("martinez", ExpectedVersion.exactly(2), enrol);

        for (AppendResult retry : List.of(sameExpectation, anyExpectation, currentExpectation)) {
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.positions()).isEqualTo(first.positions());
        }
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(2);
    }

    @Test
    void a_cold_append_is_the_load_plus_one_transaction_and_a_warm_one_the_transaction_alone() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        for (int round = 0; round < 2; round++) {
            // A new function instance per round: its first append is cold, its next one warm. Exact versions, then
            // "any"; generated ids, then caller-chosen ones: no lookup before the write either way.
            EventService instance = coldService();
            long version = 1 + 2L * round;
            boolean exact = round == 0;
            Optional<String> id = exact ? Optional.empty() : Optional.of("child-" + round);
            assertThat(appendCounted(instance, exact ? ExpectedVersion.exactly(version) : ExpectedVersion.any(),
                    id.map(x -> x + "a"), version + 1))
                    .as("cold, round %d", round).containsExactly("Query", "Query", "TransactWriteItems");
            assertThat(appendCounted(instance, exact ? ExpectedVersion.exactly(version + 1) : ExpectedVersion.any(),
                    id.map(x -> x + "b"), version + 2))
                    .as("warm, round %d", round).containsExactly("TransactWriteItems");
        }
        requests.reset();
        AppendResult fresh = append("chen", ExpectedVersion.noStream(), enrolled("Chen"));
        assertThat(fresh.lastVersion()).isEqualTo(1);
        assertThat(requests.operations()).containsExactly("Query", "Query", "TransactWriteItems");
    }

    @Test
    void the_state_a_warm_append_leaves_is_the_state_a_load_rebuilds() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        append("martinez", ExpectedVersion.any(), proposed("ChildAdded", Map.of("child_name", "Sofia")),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-01")));
        append("martinez", ExpectedVersion.exactly(3), proposed("PaymentReceived", Map.of("amount", 200,
                "date", "2024-10-02", "payment_method", "card")));

        Loaded<FamilyState> loaded = new AggregateRepository(store, codec)
                .load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow();
        WarmStates.Known<FamilyState> warm = repository.warm().<FamilyState>get(MARTINEZ).orElseThrow();
        assertThat(warm.state()).isEqualTo(loaded.state());
        assertThat(warm.version()).isEqualTo(4);
    }

    private List<String> appendCounted(EventService instance, ExpectedVersion expected, Optional<String> id,
                                       long expectedVersion) {
        requests.reset();
        AppendResult result = instance.append(new AppendRequest(TENANT, "Family", "martinez", expected,
                List.of(new ProposedEvent(id, "ChildAdded", Optional.empty(), Map.of("child_name", "Child"))),
                "sarah", Optional.empty(), Optional.empty()));
        assertThat(result.duplicate()).isFalse();
        assertThat(result.lastVersion()).isEqualTo(expectedVersion);
        return requests.operations();
    }

    @Test
    void a_retry_that_the_rules_now_reject_answers_the_original_positions_after_one_read_of_its_ids() {
        ProposedEvent enrol = new ProposedEvent(Optional.of("enrol-1"), "FamilyEnrolled", Optional.empty(),
                Map.of("family_name", "Martinez Family", "enrollment_date", "2024-09-01"));
        AppendResult first = append("martinez", ExpectedVersion.any(), enrol);

        requests.reset();
        AppendResult retry = append("martinez", ExpectedVersion.any(), enrol);

        assertThat(retry).isEqualTo(first.asDuplicate());
        assertThat(requests.operations()).containsExactly("Query", "Query", "BatchGetItem");
        // Without ids there is nothing to look up: a second enrolment is simply against the rules.
        requests.reset();
        assertThatThrownBy(() -> append("martinez", ExpectedVersion.any(), enrolled("Martinez Family")))
                .isInstanceOf(RuleViolation.class);
        assertThat(requests.operations()).containsExactly("Query", "Query");
    }

    @Test
    void more_than_49_events_are_refused_before_any_request() {
        ProposedEvent[] many = IntStream.range(0, 50)
                .mapToObj(i -> proposed("EngagementScoreUpdated", Map.of("new_score", 50)))
                .toArray(ProposedEvent[]::new);

        assertThatThrownBy(() -> append("martinez", ExpectedVersion.any(), many))
                .isInstanceOf(AppendTooLarge.class)
                .hasMessageContaining("1 to 49 events, not 50");
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void an_unknown_aggregate_type_is_refused() {
        assertThatThrownBy(() -> events.append(new AppendRequest(TENANT, "Spaceship", "x", ExpectedVersion.any(),
                List.of(enrolled("x")), "sarah", Optional.empty(), Optional.empty())))
                .isInstanceOf(UnknownAggregateType.class);
    }

    @Test
    void a_second_aggregate_type_works_through_the_same_store_with_only_its_own_files() {
        events.append(new AppendRequest(TENANT, "Counter", "visits", ExpectedVersion.noStream(), List.of(
                proposed("CounterIncremented", Map.of("by", 3)),
                proposed("CounterIncremented", Map.of("by", 4))), "sarah", Optional.empty(), Optional.empty()));

        var counter = repository.load(coop.domain.counter.Counter.INSTANCE, new StreamId(TENANT, "Counter", "visits"),
                LoadTarget.latest()).orElseThrow();
        assertThat(counter.state().value()).isEqualTo(7);
        assertThat(counter.version()).isEqualTo(2);
    }
}
