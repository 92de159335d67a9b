package coop.functions;

import coop.app.AppendRequest;
import coop.app.EventService;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.StreamId;
import coop.stream.StreamDispatcher;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.TestSes;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed wiring of the notices: the stream's dispatcher as CDI builds it sends through the embedded moto's SES
 * from the configured identity, and {@code GET /notifications} shows coordinators what was sent and what was not.
 */
@QuarkusTest
class NotificationsRouteTest {

    private static final String NOTIFICATIONS = "GET /notifications";

    @Inject
    ApiClient api;

    @Inject
    EventService events;

    @Inject
    EventStore store;

    @Inject
    StreamDispatcher dispatcher;

    private final String tenant = Tokens.newTenant();
    private final String email = "lee-" + UUID.randomUUID() + "@example.org";

    private void append(String familyId, String type, Map<String, Object> data) {
        events.append(new AppendRequest(tenant, Family.NAME, familyId, ExpectedVersion.any(),
                List.of(new ProposedEvent(Optional.empty(), type, Optional.empty(), data)), "coordinator-1",
                Optional.empty(), Optional.empty()));
    }

    private void handleStream(String familyId) {
        assertThat(dispatcher.dispatch(store.readStream(new StreamId(tenant, Family.NAME, familyId), 0, 100))
                .failed()).isEmpty();
    }

    @Test
    void coordinators_see_a_sent_receipt_and_a_skipped_one_with_its_reason() {
        append("lee", "FamilyEnrolled", Map.of("family_name", "Lee Family", "enrollment_date", "2024-09-01",
                "email", email));
        append("lee", "PaymentReceived", Map.of("amount", 120, "date", "2024-09-02", "payment_method", "check"));
        append("okafor", "FamilyEnrolled", Map.of("family_name", "Okafor", "enrollment_date", "2024-09-01"));
        append("okafor", "PaymentReceived", Map.of("amount", 80, "date", "2024-09-02", "payment_method", "check"));
        handleStream("lee");
        handleStream("okafor");
        handleStream("lee");

        Answer answer = api.send(ApiCall.to(NOTIFICATIONS).as(Tokens.coordinator(tenant)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("notifications")).hasSize(2);
        assertThat(answer.body().path("notifications").findValuesAsText("status"))
                .containsExactlyInAnyOrder("recorded", "skipped");
        assertThat(answer.body().path("notifications").findValuesAsText("reason")).contains("no_contact");
        assertThat(answer.rawBody()).doesNotContain(email);
        assertThat(TestSes.messagesTo(email)).singleElement()
                .satisfies(message -> assertThat(message.path("subject").asText()).contains("120.00"));
    }

    @Test
    void a_family_may_not_list_the_notices_and_a_bad_limit_is_a_400() {
        Answer family = api.send(ApiCall.to(NOTIFICATIONS).as(Tokens.family(tenant, "lee")));
        Answer badLimit = api.send(ApiCall.to(NOTIFICATIONS).query("limit", "0").as(Tokens.coordinator(tenant)));

        assertThat(family.status()).as(family.toString()).isEqualTo(403);
        assertThat(badLimit.status()).as(badLimit.toString()).isEqualTo(400);
        assertThat(badLimit.rawBody()).contains("limit");
    }
}
