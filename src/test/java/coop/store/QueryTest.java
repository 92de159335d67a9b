package coop.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest extends StoreTest {

    @Test
    void a_stream_reads_in_pages_that_resume_where_they_stopped() {
        StreamId stream = family("martinez");
        for (int i = 0; i < 5; i++) {
            store.append(stream, ExpectedVersion.exactly(2L * i), List.of(event("A"), event("B")), by("sarah"));
        }

        EventPage first = store.readStream(stream, 0, Long.MAX_VALUE, 4, Optional.empty());
        EventPage second = store.readStream(stream, 0, Long.MAX_VALUE, 4, first.nextPageToken());
        EventPage third = store.readStream(stream, 0, Long.MAX_VALUE, 4, second.nextPageToken());

        assertThat(versions(first.events())).containsExactly(1L, 2L, 3L, 4L);
        assertThat(versions(second.events())).containsExactly(5L, 6L, 7L, 8L);
        assertThat(versions(third.events())).containsExactly(9L, 10L);
        assertThat(third.nextPageToken()).isEmpty();
    }

    @Test
    void a_page_token_never_pages_below_the_versions_asked_for() {
        StreamId stream = family("lee");
        store.append(stream, ExpectedVersion.noStream(), List.of(event("A"), event("B"), event("C"), event("D"),
                event("E"), event("F")), by("sarah"));
        String token = store.readStream(stream, 0, Long.MAX_VALUE, 2, Optional.empty()).nextPageToken().orElseThrow();

        // The same stream's token, with from_version=5: it may continue a page, never reach below version 5.
        EventPage page = store.readStream(stream, 4, Long.MAX_VALUE, 10, Optional.of(token));

        assertThat(versions(page.events())).containsExactly(5L, 6L);
    }

    @Test
    void a_page_token_of_another_stream_is_refused() {
        StreamId martinez = family("martinez");
        store.append(martinez, ExpectedVersion.noStream(), List.of(event("A"), event("B"), event("C")), by("sarah"));
        String token = store.readStream(martinez, 0, Long.MAX_VALUE, 1, Optional.empty()).nextPageToken().orElseThrow();

        assertThatThrownBy(() -> store.readStream(family("chen"), 0, Long.MAX_VALUE, 1, Optional.of(token)))
                .isInstanceOf(InvalidPageToken.class);
        assertThatThrownBy(() -> store.readStream(martinez, 0, Long.MAX_VALUE, 1, Optional.of("garbage!")))
                .isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void events_of_a_correlation_come_back_across_aggregates_in_time_order() {
        EventMetadata enrolment = EventMetadata.of("sarah", "enrollment_abc123");
        store.append(family("martinez"), ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")), enrolment);
        clock.advance(Duration.ofMinutes(1));
        store.append(family("chen"), ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")), enrolment);
        clock.advance(Duration.ofMinutes(1));
        store.append(family("martinez"), ExpectedVersion.exactly(1), List.of(event("ChildAdded")), enrolment);
        store.append(family("okafor"), ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")), by("sarah"));

        List<RecordedEvent> correlated = store.findByCorrelation(TENANT, "enrollment_abc123");

        assertThat(correlated).extracting(event -> event.aggregateId() + "/" + event.eventType())
                .containsExactly("martinez/FamilyEnrolled", "chen/FamilyEnrolled", "martinez/ChildAdded");
    }

    @Test
    void events_of_a_type_page_through_every_shard_in_time_order() {
        Instant start = clock.instant();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            AppendResult result = store.append(family("f" + i), ExpectedVersion.noStream(), List.of(event("PaymentDue")), by("sarah"));
            store.append(family("f" + i), ExpectedVersion.exactly(1), List.of(event("ChildAdded")), by("sarah"));
            expected.add(result.positions().getFirst().eventId());
        }
        Instant until = clock.instant().plusSeconds(1);

        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            EventPage page = store.findByType(TENANT, "PaymentDue", start, until, 5, token);
            page.events().forEach(event -> seen.add(event.eventId()));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent() && pages < 10);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_type_window_includes_since_and_excludes_until() {
        Instant first = clock.instant();
        store.append(family("a"), ExpectedVersion.noStream(), List.of(event("PaymentDue")), by("sarah"));
        clock.advance(Duration.ofHours(1));
        Instant second = clock.instant();
        store.append(family("b"), ExpectedVersion.noStream(), List.of(event("PaymentDue")), by("sarah"));

        EventPage window = store.findByType(TENANT, "PaymentDue", first, second, 10, Optional.empty());

        assertThat(window.events()).extracting(RecordedEvent::aggregateId).containsExactly("a");
    }

    @Test
    void a_window_that_holds_no_stored_instant_is_empty_without_a_query() {
        Instant at = clock.instant();
        store.append(family("a"), ExpectedVersion.noStream(), List.of(event("PaymentDue")), by("sarah"));

        // DynamoDB refuses a BETWEEN whose lower bound sorts after its upper one (a ValidationException): a window
        // narrower than the stored microseconds must not become one.
        requests.reset();
        EventPage empty = store.findByType(TENANT, "PaymentDue", at, at, 10, Optional.empty());
        EventPage withinOneMicrosecond = store.findByType(TENANT, "PaymentDue", at.plusNanos(100), at.plusNanos(900),
                10, Optional.empty());

        for (EventPage page : List.of(empty, withinOneMicrosecond)) {
            assertThat(page.events()).isEmpty();
            assertThat(page.nextPageToken()).isEmpty();
        }
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void an_event_recorded_a_fraction_of_a_microsecond_before_since_is_outside_the_window() {
        Instant at = clock.instant();
        store.append(family("a"), ExpectedVersion.noStream(), List.of(event("PaymentDue")), by("sarah"));

        EventPage window = store.findByType(TENANT, "PaymentDue", at.plusNanos(1), at.plus(Duration.ofHours(1)), 10,
                Optional.empty());

        assertThat(window.events()).isEmpty();
    }

    @Test
    void no_query_reaches_another_tenant() {
        StreamId theirs = new StreamId("coop-south", "Family", "martinez");
        AppendResult stored = store.append(theirs, ExpectedVersion.noStream(), List.of(event("FamilyEnrolled")),
                EventMetadata.of("maria", "shared-correlation"));
        String eventId = stored.positions().getFirst().eventId();

        assertThat(store.findEvent(TENANT, eventId)).isEmpty();
        assertThat(store.findEvent("coop-south", eventId)).isPresent();
        assertThat(store.findByCorrelation(TENANT, "shared-correlation")).isEmpty();
        assertThat(store.findByType(TENANT, "FamilyEnrolled", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10,
                Optional.empty()).events()).isEmpty();
        assertThat(store.currentVersion(family("martinez"))).isZero();
    }
}
