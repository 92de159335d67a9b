package coop.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentAppendTest extends StoreTest {

    @Test
    void retried_append_after_a_lost_answer_is_stored_once() {
        StreamId stream = family("martinez");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")), by("sarah"));
        List<NewEvent> batch = List.of(event("PaymentDue", "e2"), event("PaymentOverdue", "e3"));
        AppendResult first = store.append(stream, ExpectedVersion.exactly(1), batch, by("sarah"));

        // The answer was lost; the portal sends the very same request again.
        requests.reset();
        AppendResult retry = store.append(stream, ExpectedVersion.exactly(1), batch, by("sarah"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).isEqualTo(first.positions());
        assertThat(retry.correlationId()).isEqualTo(first.correlationId());
        // DynamoDB hands back the stored items with the failed condition: no extra read to recognise the retry.
        assertThat(requests.operations()).containsExactly("TransactWriteItems");
        assertThat(versions(store.readStream(stream, 0, Long.MAX_VALUE))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void retried_first_event_is_stored_once() {
        StreamId stream = family("chen");
        AppendResult first = store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")), by("sarah"));

        AppendResult retry = store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")), by("sarah"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).isEqualTo(first.positions());
        assertThat(store.currentVersion(stream)).isEqualTo(1);
    }

    @Test
    void retry_with_expected_version_any_is_stored_once() {
        StreamId stream = family("okafor");
        store.append(stream, ExpectedVersion.any(), List.of(event("FamilyEnrolled", "e1"), event("ChildAdded", "e2")), by("sarah"));
        store.append(stream, ExpectedVersion.any(), List.of(event("PaymentDue", "e3")), by("sarah"));

        AppendResult retry = store.append(stream, ExpectedVersion.any(),
                List.of(event("FamilyEnrolled", "e1"), event("ChildAdded", "e2")), by("sarah"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).extracting(AppendResult.Position::version).containsExactly(1L, 2L);
        assertThat(store.currentVersion(stream)).isEqualTo(3);
    }

    @Test
    void retry_after_the_stream_moved_on_returns_the_original_positions() {
        StreamId stream = family("nguyen");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")), by("sarah"));
        store.append(stream, ExpectedVersion.exactly(1), List.of(event("PaymentDue", "e2")), by("sarah"));
        store.append(stream, ExpectedVersion.exactly(2), List.of(event("ChildAdded", "e3")), by("maria"));

        // A retry of e2 with a stale expected version finds it through the event-id index, not at version 2's slot.
        AppendResult retry = store.append(stream, ExpectedVersion.exactly(0), List.of(event("PaymentDue", "e2")), by("sarah"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).containsExactly(new AppendResult.Position("e2", 2));
        assertThat(store.currentVersion(stream)).isEqualTo(3);
    }

    @Test
    void event_id_of_another_aggregate_is_refused() {
        store.append(family("a"), ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "shared-id")), by("sarah"));

        assertThatThrownBy(() -> store.append(family("b"), ExpectedVersion.any(),
                List.of(event("FamilyEnrolled", "shared-id")), by("sarah")))
                .isInstanceOf(EventIdConflict.class);
        assertThat(store.currentVersion(family("b"))).isZero();
    }

    @Test
    void reusing_an_id_for_a_different_batch_is_refused() {
        StreamId stream = family("patel");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1"), event("ChildAdded", "e2")), by("sarah"));

        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.any(),
                List.of(event("FamilyEnrolled", "e1"), event("ChildAdded", "other")), by("sarah")))
                .isInstanceOf(EventIdConflict.class);
        assertThat(store.currentVersion(stream)).isEqualTo(2);
    }

    @Test
    void one_append_may_not_repeat_an_event_id() {
        assertThatThrownBy(() -> store.append(family("x"), ExpectedVersion.noStream(),
                List.of(event("A", "same"), event("B", "same")), by("sarah")))
                .isInstanceOf(EventIdConflict.class);
        assertThat(requests.operations()).isEmpty();
    }
}
