package coop.app;

import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PortalAccess;
import coop.store.AppendResult;
import coop.store.ConcurrencyConflict;
import coop.store.ExpectedVersion;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An instance that remembers a family appends on what it remembers only while nobody else appended: another instance
 * (its own service and memory, the same tables) that appended in between makes the write lose its condition, and the
 * append then answers exactly what a cold one would.
 */
class WarmAppendsTest extends AppTest {

    private static final StreamId MARTINEZ = new StreamId(TENANT, "Family", "martinez");

    private EventService other;

    @BeforeEach
    void warmFamily() {
        other = coldService();
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        append("martinez", ExpectedVersion.any(), proposed("ChildAdded", Map.of("child_name", "Sofia")));
        requests.reset();
    }

    @Test
    void an_append_after_another_instance_appended_loses_its_condition_reloads_and_lands_after_it() {
        AppendResult theirs = appendThrough(other, ExpectedVersion.any(), "ChildAdded", Map.of("child_name", "Mateo"));
        requests.reset();

        AppendResult ours = append("martinez", ExpectedVersion.any(),
                proposed("ChildAdded", Map.of("child_name", "Ana")));

        // The lost condition (the store reads the actual version for the conflict), the load, the write.
        assertThat(requests.operations())
                .containsExactly("TransactWriteItems", "Query", "Query", "Query", "TransactWriteItems");
        assertThat(theirs.lastVersion()).isEqualTo(3);
        assertThat(ours.lastVersion()).isEqualTo(4);
        assertThat(store.readStream(MARTINEZ, 0, Long.MAX_VALUE)).extracting(RecordedEvent::aggregateVersion)
                .containsExactly(1L, 2L, 3L, 4L);
        // The reload and the write left the state after both: the next append is warm again.
        requests.reset();
        append("martinez", ExpectedVersion.exactly(4), proposed("ChildAdded", Map.of("child_name", "Leo")));
        assertThat(requests.operations()).containsExactly("TransactWriteItems");
        assertThat(state().children()).extracting(c -> c.childName()).containsExactly("Sofia", "Mateo", "Ana", "Leo");
    }

    @Test
    void an_exact_expected_version_past_the_remembered_one_is_checked_on_a_load_not_refused() {
        appendThrough(other, ExpectedVersion.any(), "ChildAdded", Map.of("child_name", "Mateo"));
        requests.reset();

        // The caller saw version 3, which this instance has not: no conflict answered from memory.
        AppendResult result = append("martinez", ExpectedVersion.exactly(3),
                proposed("ChildAdded", Map.of("child_name", "Ana")));

        assertThat(result.lastVersion()).isEqualTo(4);
        assertThat(requests.operations()).containsExactly("Query", "Query", "TransactWriteItems");
    }

    @Test
    void an_exact_expected_version_equal_to_a_stale_memory_is_still_a_conflict_with_the_actual_version() {
        appendThrough(other, ExpectedVersion.any(), "ChildAdded", Map.of("child_name", "Mateo"));
        requests.reset();

        assertThatThrownBy(() -> append("martinez", ExpectedVersion.exactly(2),
                proposed("ChildAdded", Map.of("child_name", "Ana"))))
                .isInstanceOfSatisfying(ConcurrencyConflict.class, conflict -> {
                    assertThat(conflict.expected()).isEqualTo(ExpectedVersion.exactly(2));
                    assertThat(conflict.actual()).isEqualTo(3);
                });
        // The lost condition, then the cold path's load; generated ids cannot be a retry's, so nothing more is read.
        assertThat(requests.operations()).containsExactly("TransactWriteItems", "Query", "Query", "Query");
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(3);
    }

    @Test
    void a_stale_expected_version_of_a_retry_still_answers_the_original_positions() {
        ProposedEvent due = new ProposedEvent(Optional.of("due-1"), "PaymentDue", Optional.empty(),
                Map.of("amount", 450, "due_date", "2024-10-01"));
        AppendResult first = append("martinez", ExpectedVersion.exactly(2), due);
        append("martinez", ExpectedVersion.any(), proposed("ChildAdded", Map.of("child_name", "Mateo")));

        // The client never saw the first answer, and retries it as it was.
        AppendResult retry = append("martinez", ExpectedVersion.exactly(2), due);
        AppendResult retryAny = append("martinez", ExpectedVersion.any(), due);

        assertThat(retry).isEqualTo(first.asDuplicate());
        assertThat(retryAny).isEqualTo(first.asDuplicate());
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(4);
        // The duplicate wrote nothing, so what is remembered is still the state after version 4.
        requests.reset();
        append("martinez", ExpectedVersion.exactly(4), proposed("ChildAdded", Map.of("child_name", "Leo")));
        assertThat(requests.operations()).containsExactly("TransactWriteItems");
    }

    @Test
    void a_rule_that_refuses_only_on_the_remembered_state_is_checked_again_on_a_load() {
        appendThrough(other, ExpectedVersion.any(), "PortalAccessLocked", Map.of("reason", "overdue"));
        requests.reset();

        // Remembered: the portal is open, so restoring it breaks a rule; it is locked by now, and restoring is right.
        AppendResult restored = append("martinez", ExpectedVersion.any(),
                proposed("PortalAccessRestored", Map.of("reason", "paid")));

        assertThat(restored.lastVersion()).isEqualTo(4);
        assertThat(requests.operations()).containsExactly("Query", "Query", "TransactWriteItems");
        assertThat(state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }

    @Test
    void a_rule_that_refuses_on_the_current_state_too_is_a_422_and_stores_nothing() {
        assertThatThrownBy(() -> append("martinez", ExpectedVersion.any(),
                proposed("PortalAccessRestored", Map.of("reason", "paid"))))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("events[0] (PortalAccessRestored)");

        assertThat(requests.operations()).containsExactly("Query", "Query");
        assertThat(store.currentVersion(MARTINEZ)).isEqualTo(2);
    }

    private AppendResult appendThrough(EventService instance, ExpectedVersion expected, String type,
                                       Map<String, Object> data) {
        return instance.append(new AppendRequest(TENANT, "Family", "martinez", expected,
                List.of(proposed(type, data)), "ana", Optional.empty(), Optional.empty()));
    }

    private FamilyState state() {
        return new AggregateRepository(store, codec).load(Family.INSTANCE, MARTINEZ, LoadTarget.latest())
                .orElseThrow().state();
    }
}
