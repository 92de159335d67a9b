package coop.app;

import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentStatus;
import coop.store.ExpectedVersion;
import coop.store.StreamHead;
import coop.store.NewEvent;
import coop.store.EventMetadata;
import coop.store.Snapshot;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateRepositoryTest extends AppTest {

    private static final StreamId MARTINEZ = new StreamId(TENANT, "Family", "martinez");

    @Test
    void a_v1_payment_reads_as_v2_with_an_unknown_method() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-01")));
        append("martinez", ExpectedVersion.exactly(2), new ProposedEvent(Optional.empty(), "PaymentReceived",
                Optional.of(1), Map.of("amount", 450, "date", "2024-10-20")));

        var stored = store.readStream(MARTINEZ, 2, 3).getFirst();
        assertThat(stored.eventVersion()).isEqualTo(1);
        assertThat(stored.data()).doesNotContain("payment_method");
        assertThat(codec.upcastPayload(Family.INSTANCE, stored)).containsEntry("payment_method", "unknown");
        FamilyState state = repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow().state();
        assertThat(state.payments()).singleElement()
                .satisfies(payment -> assertThat(payment.paymentMethod()).isEqualTo("unknown"));
        assertThat(state.paymentStatus()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void loads_the_state_as_of_a_version_and_as_of_an_instant() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        clock.set(Instant.parse("2024-10-01T08:00:00Z"));
        append("martinez", ExpectedVersion.exactly(1), proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-15")));
        clock.set(Instant.parse("2024-10-16T08:00:00Z"));
        append("martinez", ExpectedVersion.exactly(2), proposed("PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-15")));
        clock.set(Instant.parse("2024-10-20T08:00:00Z"));
        append("martinez", ExpectedVersion.exactly(3), proposed("PaymentReceived",
                Map.of("amount", 450, "date", "2024-10-20", "payment_method", "card")));

        assertThat(statusAt(new LoadTarget.AtVersion(2))).isEqualTo(PaymentStatus.DUE);
        assertThat(statusAt(new LoadTarget.AtVersion(3))).isEqualTo(PaymentStatus.OVERDUE);
        assertThat(statusAt(new LoadTarget.AsOf(Instant.parse("2024-10-18T00:00:00Z")))).isEqualTo(PaymentStatus.OVERDUE);
        assertThat(statusAt(new LoadTarget.AsOf(Instant.parse("2024-10-20T08:00:00Z")))).isEqualTo(PaymentStatus.PAID);
        assertThat(repository.load(Family.INSTANCE, MARTINEZ, new LoadTarget.AsOf(Instant.parse("2024-08-01T00:00:00Z"))))
                .isEmpty();
    }

    @Test
    void as_of_loads_use_only_snapshots_taken_by_then() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-15")));
        clock.advance(Duration.ofDays(30));
        append("martinez", ExpectedVersion.exactly(2), proposed("PaymentReceived",
                Map.of("amount", 450, "date", "2024-10-20", "payment_method", "card")));
        repository.saveSnapshot(Family.INSTANCE, MARTINEZ,
                repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow());

        assertThat(statusAt(new LoadTarget.AsOf(Instant.parse("2024-09-15T00:00:00Z")))).isEqualTo(PaymentStatus.DUE);
        assertThat(statusAt(LoadTarget.latest())).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void a_snapshot_of_another_state_schema_is_ignored_and_replaced() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-15")));
        // A snapshot from an older state schema, whose content would be wrong if it were trusted.
        store.saveSnapshot(new Snapshot(MARTINEZ, 2, Family.INSTANCE.stateSchemaVersion() - 1,
                "{\"family_name\":\"Stale\",\"balance_due\":999}", clock.instant()));

        Loaded<FamilyState> loaded = repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow();

        assertThat(loaded.state().familyName()).isEqualTo("Martinez Family");
        assertThat(loaded.state().balanceDue()).isEqualByComparingTo(new BigDecimal("450"));
        Snapshot replaced = store.latestSnapshot(MARTINEZ, Long.MAX_VALUE).orElseThrow();
        assertThat(replaced.stateSchema()).isEqualTo(Family.INSTANCE.stateSchemaVersion());
        assertThat(replaced.state()).contains("Martinez Family");
    }

    @Test
    void a_load_waits_for_the_snapshot_it_replaces_no_longer_than_the_write_timeout() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        store.saveSnapshot(new Snapshot(MARTINEZ, 1, Family.INSTANCE.stateSchemaVersion() - 1, "{}", clock.instant()));
        requests.reset();

        repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow();

        assertThat(requests.operations()).contains("PutItem");
        assertThat(requests.callTimeouts()).containsExactly("PutItem " + tables.storeSettings().snapshotWriteTimeout());
    }

    @Test
    void a_snapshot_of_a_newer_state_schema_is_ignored_but_never_replaced_by_an_older_release() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-15")));
        // During a deployment the new release stored this; the old release, still serving, loads the family.
        int newer = Family.INSTANCE.stateSchemaVersion() + 1;
        store.saveSnapshot(new Snapshot(MARTINEZ, 2, newer, "{\"shape\":\"of the next release\"}", clock.instant()));

        Loaded<FamilyState> loaded = repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow();

        assertThat(loaded.state().familyName()).isEqualTo("Martinez Family");
        Snapshot kept = store.latestSnapshot(MARTINEZ, Long.MAX_VALUE).orElseThrow();
        assertThat(kept.stateSchema()).isEqualTo(newer);
        assertThat(kept.state()).contains("of the next release");
    }

    @Test
    void an_unreadable_snapshot_is_ignored() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        store.saveSnapshot(new Snapshot(MARTINEZ, 1, Family.INSTANCE.stateSchemaVersion(), "not json", clock.instant()));

        assertThat(repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow().state().familyName())
                .isEqualTo("Martinez Family");
    }

    @Test
    void loading_from_a_snapshot_takes_two_requests() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"),
                proposed("PaymentDue", Map.of("amount", 450, "due_date", "2024-10-15")));
        repository.saveSnapshot(Family.INSTANCE, MARTINEZ,
                repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow());
        append("martinez", ExpectedVersion.exactly(2), proposed("ChildAdded", Map.of("child_name", "Sofia")));

        requests.reset();
        Loaded<FamilyState> loaded = repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest()).orElseThrow();

        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.state().children()).hasSize(1);
        assertThat(requests.operations()).containsExactly("Query", "Query");
    }

    @Test
    void appending_one_event_to_a_stream_takes_one_transaction() {
        append("martinez", ExpectedVersion.noStream(), enrolled("Martinez Family"));
        StreamHead head = new StreamHead(1, repository.load(Family.INSTANCE, MARTINEZ, LoadTarget.latest())
                .orElseThrow().chainHash());
        requests.reset();

        store.append(MARTINEZ, head, List.of(NewEvent.of("ChildAdded", 1, "{\"child_name\":\"Sofia\"}")),
                EventMetadata.of("sarah", "c-1"));
        assertThat(requests.operations()).containsExactly("TransactWriteItems");

        requests.reset();
        store.append(new StreamId(TENANT, "Family", "chen"), ExpectedVersion.noStream(),
                List.of(NewEvent.of("FamilyEnrolled", 1, "{}")), EventMetadata.of("sarah", "c-2"));
        // The first event too: its item and the item that reserves its id land together.
        assertThat(requests.operations()).containsExactly("TransactWriteItems");
    }

    private PaymentStatus statusAt(LoadTarget target) {
        return repository.load(Family.INSTANCE, MARTINEZ, target).orElseThrow().state().paymentStatus();
    }
}
