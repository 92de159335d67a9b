package coop.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentAppendTest extends StoreTest {

    @Test
    void retried_append_after_a_lost_answer_is_stored_once() {
        StreamId stream = family("martinez");
        AppendResult enrolled = store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")),
                by("sarah"));
        List<NewEvent> batch = List.of(event("PaymentDue", "e2"), event("PaymentOverdue", "e3"));
        StreamHead head = new StreamHead(1, enrolled.chainHash());
        AppendResult first = store.append(stream, head, batch, by("sarah"));

        // The answer was lost; the portal sends the very same request again.
        requests.reset();
        AppendResult retry = store.append(stream, head, batch, by("sarah"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).isEqualTo(first.positions());
        assertThat(retry.correlationId()).isEqualTo(first.correlationId());
        // DynamoDB hands back the stored id items with the failed conditions: no extra read to recognise the retry.
        assertThat(requests.operations()).containsExactly("TransactWriteItems");
        assertThat(versions(store.readStream(stream, 0, Long.MAX_VALUE))).containsExactly(1L, 2L, 3L);
        assertThat(itemsIn("EventIdsTable")).isEqualTo(3);
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
    void retry_at_any_later_version_is_recognised_from_the_failed_condition_alone() {
        StreamId stream = family("nguyen");
        AppendResult enrolled = store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1")),
                by("sarah"));
        AppendResult first = store.append(stream, ExpectedVersion.exactly(1), List.of(event("PaymentDue", "e2")), by("sarah"));
        store.append(stream, ExpectedVersion.exactly(2), List.of(event("ChildAdded", "e3")), by("maria"));

        for (long expected : new long[]{0, 1, 3, 7}) {
            requests.reset();
            // The retry's head hash is whatever its caller loaded: the one it chained on the first time.
            AppendResult retry = store.append(stream, new StreamHead(expected, enrolled.chainHash()),
                    List.of(event("PaymentDue", "e2")), by("sarah"));

            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.positions()).containsExactly(new AppendResult.Position("e2", 2));
            assertThat(retry.correlationId()).isEqualTo(first.correlationId());
            assertThat(requests.operations()).containsExactly("TransactWriteItems");
        }
        assertThat(store.currentVersion(stream)).isEqualTo(3);
        assertThat(itemsIn("EventsTable")).isEqualTo(3);
    }

    @Test
    void a_part_of_a_stored_batch_sent_again_is_answered_with_its_positions() {
        StreamId stream = family("okafor");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("A", "e1"), event("B", "e2"), event("C", "e3")),
                by("sarah"));

        AppendResult retry = store.append(stream, ExpectedVersion.exactly(3), List.of(event("B", "e2"), event("C", "e3")),
                by("sarah"));

        assertThat(retry.positions()).extracting(AppendResult.Position::version).containsExactly(2L, 3L);
        assertThat(store.currentVersion(stream)).isEqualTo(3);
    }

    @Test
    void every_reuse_of_a_stored_id_is_refused_naming_the_id_and_where_it_is_stored() {
        StreamId stream = family("patel");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "e1"), event("ChildAdded", "e2")),
                by("sarah"));
        List<List<NewEvent>> reuses = List.of(
                List.of(NewEvent.of("FamilyEnrolled", 1, "{\"n\":2}").withId("e1")),          // another payload
                List.of(event("PaymentDue", "e1")),                                             // another type
                List.of(NewEvent.of("FamilyEnrolled", 2, "{\"n\":1}").withId("e1")),          // another schema version
                List.of(event("FamilyEnrolled", "e1"), event("ChildAdded", "new-id")),         // mixed with a new id
                List.of(event("ChildAdded", "new-id"), event("ChildAdded", "e2")),             // new id first
                List.of(event("ChildAdded", "e2"), event("FamilyEnrolled", "e1")));            // reordered

        for (List<NewEvent> reuse : reuses) {
            for (ExpectedVersion.Exactly expected : List.of(ExpectedVersion.exactly(2), ExpectedVersion.noStream())) {
                assertThatThrownBy(() -> store.append(stream, expected, reuse, by("sarah")))
                        .as(reuse + " at " + expected)
                        .isInstanceOfSatisfying(EventIdConflict.class, conflict -> {
                            assertThat(conflict.eventId()).isIn("e1", "e2");
                            assertThat(conflict.storedAt()).contains(new EventIdConflict.StoredAt("Family", "patel",
                                    conflict.eventId().equals("e1") ? 1 : 2));
                        });
            }
            assertThatThrownBy(() -> store.findStored(stream, reuse)).isInstanceOf(EventIdConflict.class);
        }
        assertThat(store.currentVersion(stream)).isEqualTo(2);
        assertThat(itemsIn("EventsTable")).isEqualTo(2);
        assertThat(itemsIn("EventIdsTable")).isEqualTo(2);
    }

    @Test
    void event_id_of_another_aggregate_is_refused() {
        store.append(family("a"), ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "shared-id")), by("sarah"));

        assertThatThrownBy(() -> store.append(family("b"), ExpectedVersion.noStream(),
                List.of(event("FamilyEnrolled", "shared-id")), by("sarah")))
                .isInstanceOfSatisfying(EventIdConflict.class, conflict -> assertThat(conflict.storedAt())
                        .contains(new EventIdConflict.StoredAt("Family", "a", 1)));
        assertThat(store.currentVersion(family("b"))).isZero();
    }

    @Test
    void an_id_is_unique_per_tenant_only() {
        store.append(family("a"), ExpectedVersion.noStream(), List.of(event("FamilyEnrolled", "same-id")), by("sarah"));

        AppendResult other = store.append(new StreamId("coop-south", "Family", "a"), ExpectedVersion.noStream(),
                List.of(event("FamilyEnrolled", "same-id")), by("sarah"));

        assertThat(other.duplicate()).isFalse();
    }

    @Test
    void stored_events_are_found_with_one_consistent_read_of_their_ids() {
        StreamId stream = family("lee");
        AppendResult first = store.append(stream, ExpectedVersion.noStream(),
                List.of(event("A", "e1"), event("B", "e2")), by("sarah"));

        requests.reset();
        assertThat(store.findStored(stream, List.of(event("A", "e1"), event("B", "e2")))).contains(first.asDuplicate());
        assertThat(store.findStored(stream, List.of(event("C", "e3")))).isEmpty();
        assertThat(requests.operations()).containsExactly("BatchGetItem", "BatchGetItem");
        requests.reset();
        assertThat(store.findStored(stream, List.of(event("C")))).isEmpty();
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void an_event_is_found_by_id_right_after_its_append() {
        StreamId stream = family("kim");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("A", "e1"), event("B", "e2")), by("sarah"));

        requests.reset();
        Optional<RecordedEvent> found = store.findEvent(TENANT, "e2");

        assertThat(found).hasValueSatisfying(event -> {
            assertThat(event.aggregateVersion()).isEqualTo(2);
            assertThat(event.eventType()).isEqualTo("B");
        });
        assertThat(requests.operations()).containsExactly("GetItem", "GetItem");
        assertThat(requests.queriedIndexes()).isEmpty();
        assertThat(store.findEvent(TENANT, "nope")).isEmpty();
        assertThat(store.findEvent("coop-south", "e2")).isEmpty();
    }

    @Test
    void one_append_may_not_repeat_an_event_id() {
        assertThatThrownBy(() -> store.append(family("x"), ExpectedVersion.noStream(),
                List.of(event("A", "same"), event("B", "same")), by("sarah")))
                .isInstanceOf(EventIdConflict.class);
        assertThat(requests.operations()).isEmpty();
    }
}
