package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.AppendRequest;
import coop.app.EventService;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.stream.FamilySummaryProjection;
import coop.stream.StreamDispatcher;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /projections}: subscribers serve every tenant, so each tenant sees only its own progress (its last event,
 * its errors), and the platform's operators see every tenant's.
 */
@QuarkusTest
class ProjectionsPerTenantTest {

    private static final String PROJECTIONS = "GET /projections";

    @Inject
    ApiClient api;

    @Inject
    EventService events;

    @Inject
    EventStore store;

    @Inject
    StreamDispatcher dispatcher;

    private final String north = Tokens.newTenant();
    private final String south = Tokens.newTenant();
    private final String northFamily = "north-" + UUID.randomUUID().toString().substring(0, 8);
    private final String southFamily = "south-" + UUID.randomUUID().toString().substring(0, 8);

    /** North's family is enrolled, then gets an event that no longer folds; South's family is only enrolled. */
    private List<RecordedEvent> bothTenantsHandled() {
        List<RecordedEvent> batch = new ArrayList<>();
        batch.addAll(enrol(north, northFamily));
        StreamId northStream = new StreamId(north, Family.NAME, northFamily);
        store.append(northStream, ExpectedVersion.exactly(1), List.of(NewEvent.of("NoSuchFamilyEvent", 1, "{}")),
                EventMetadata.of("ops", "fix-" + northFamily));
        batch.addAll(store.readStream(northStream, 1, 2));
        batch.addAll(enrol(south, southFamily));
        assertThat(dispatcher.dispatch(batch).failed()).extracting(RecordedEvent::aggregateId).containsOnly(northFamily);
        return batch;
    }

    private List<RecordedEvent> enrol(String tenant, String familyId) {
        events.append(new AppendRequest(tenant, Family.NAME, familyId, ExpectedVersion.noStream(),
                List.of(new ProposedEvent(Optional.empty(), "FamilyEnrolled", Optional.empty(),
                        Map.of("family_name", familyId, "enrollment_date", "2024-09-01"))),
                "coordinator-1", Optional.empty(), Optional.empty()));
        return store.readStream(new StreamId(tenant, Family.NAME, familyId), 0, 1);
    }

    private JsonNode summaryEntry(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        for (JsonNode entry : answer.body().path("projections")) {
            if (entry.path("projection_name").asText().equals(FamilySummaryProjection.NAME)) {
                return entry;
            }
        }
        throw new AssertionError("no family-summary entry in " + answer);
    }

    @Test
    void a_tenant_sees_its_own_progress_and_nothing_of_another_tenant() {
        List<RecordedEvent> batch = bothTenantsHandled();
        RecordedEvent southEnrolled = batch.getLast();

        for (Map<String, String> caller : List.of(Tokens.coordinator(south), Tokens.admin(south))) {
            Answer answer = api.send(ApiCall.to(PROJECTIONS).as(caller));
            JsonNode summary = summaryEntry(answer);
            assertThat(summary.path("last_event_id").asText()).isEqualTo(southEnrolled.eventId());
            assertThat(summary.path("lag_millis").isIntegralNumber()).as("the lag it handled its last event at")
                    .isTrue();
            assertThat(summary.path("lag_millis").asLong()).isBetween(0L, 600_000L);
            assertThat(summary.path("error_count").asLong()).isZero();
            assertThat(summary.path("last_error").isNull()).as(answer.toString()).isTrue();
            for (RecordedEvent theirs : batch.subList(0, 2)) {
                assertThat(answer.rawBody()).doesNotContain(theirs.eventId(), theirs.aggregateId(), north);
            }
        }

        JsonNode northView = summaryEntry(api.send(ApiCall.to(PROJECTIONS).as(Tokens.admin(north))));
        assertThat(northView.path("error_count").asLong()).isEqualTo(1);
        assertThat(northView.path("last_error").asText()).contains(northFamily, "NoSuchFamilyEvent");
        assertThat(northView.path("last_event_id").asText()).isEqualTo(batch.getFirst().eventId());
        assertThat(api.send(ApiCall.to(PROJECTIONS).as(Tokens.family(north, northFamily))).status()).isEqualTo(403);
    }

    @Test
    void a_platform_operator_sees_every_tenants_progress() {
        List<RecordedEvent> batch = bothTenantsHandled();

        Answer answer = api.send(ApiCall.to(PROJECTIONS).as(Tokens.claims("olga", "platform", "[\"operator\"]")));

        JsonNode summary = summaryEntry(answer);
        assertThat(summary.path("error_count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(summary.path("last_error").asText()).contains(northFamily);
        assertThat(summary.path("last_event_id").asText()).isIn(batch.getFirst().eventId(), batch.getLast().eventId());
        assertThat(answer.body().path("projections")).extracting(p -> p.path("projection_name").asText())
                .contains("lock-portal-on-overdue", "restore-portal-on-payment", "snapshots", "event-feed");
    }
}
