package coop.app;

import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.store.ExpectedVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Simulations and revert previews only read: counted at the DynamoDB client, they send no write request of any
 * kind, whether they succeed or break a rule.
 */
class WhatIfStoresNothingTest extends AppTest {

    private static final List<String> WRITES = List.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");

    @Test
    void a_simulation_sends_only_reads_even_when_it_breaks_a_rule() {
        AggregateTypes types = new AggregateTypes(List.of(Family.INSTANCE));
        Simulations simulations = new Simulations(types, repository, codec, new Aggregates(types, repository, Json.mapper()));
        append("okafor", ExpectedVersion.exactly(0), enrolled("Okafor"));
        requests.reset();

        Simulation simulation = simulations.simulate(TENANT, "Family", "okafor", Optional.empty(), List.of(
                proposed("PaymentDue", Map.of("amount", 300, "due_date", "2024-10-01")),
                proposed("PaymentOverdue", Map.of("amount", 300, "due_date", "2024-10-01"))));
        assertThatThrownBy(() -> simulations.simulate(TENANT, "Family", "okafor", Optional.of(1L),
                List.of(enrolled("Again")))).isInstanceOf(RuleViolation.class).hasMessageStartingWith("events[0] (FamilyEnrolled)");

        assertThat(simulation.after()).containsEntry("payment_status", "overdue");
        assertThat(simulation.steps()).extracting(Simulation.Step::aggregateVersion).containsExactly(2L, 3L);
        assertThat(requests.operations()).isNotEmpty().doesNotContainAnyElementsOf(WRITES);
        assertThat(store.readStream(new coop.store.StreamId(TENANT, "Family", "okafor"), 0, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void a_revert_preview_sends_only_reads() {
        AggregateTypes types = new AggregateTypes(List.of(Family.INSTANCE));
        RevertPreviews previews = new RevertPreviews(types, store, repository, codec);
        append("okafor", ExpectedVersion.exactly(0), enrolled("Okafor"));
        events.append(new AppendRequest(TENANT, "Family", "okafor", ExpectedVersion.exactly(1),
                List.of(proposed("FamilyWithdrawn", Map.of("withdrawal_date", "2024-11-01"))), "sarah",
                Optional.of("oops"), Optional.empty()));
        requests.reset();

        RevertPreview preview = previews.preview(TENANT, "oops", "Administrative error").orElseThrow();

        assertThat(preview.wouldAppend()).extracting(RevertPreview.WouldAppend::eventType)
                .containsExactly("FamilyWithdrawalReversed");
        assertThat(requests.operations()).isNotEmpty().doesNotContainAnyElementsOf(WRITES);
        assertThat(previews.preview(TENANT, "no-such-correlation", "x")).isEmpty();
    }
}
