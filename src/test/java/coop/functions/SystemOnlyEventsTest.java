package coop.functions;

import coop.app.AppendRequest;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.domain.family.Family;
import coop.domain.family.NotificationSent;
import coop.notify.NoticeSender;
import coop.store.ExpectedVersion;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static coop.functions.FamilyCalls.HISTORY;
import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code NotificationSent} and {@code PersonalDataErased} are the system's to append (the notifier, the erasure), never a caller's. */
@QuarkusTest
class SystemOnlyEventsTest {

    private static final String ERASURE = "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure";

    private static final String SENT = """
            {"notice": "payment_receipt", "channel": "email", "causing_event_id": "paid-1",
             "provider_message_id": "made-up"}""";

    @Inject
    ApiClient api;

    @Inject
    EventService events;

    @Inject
    EventCodec codec;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);
    private final Map<String, String> admin = Tokens.admin(tenant);

    @Test
    void a_callers_notification_sent_is_refused_with_a_400_naming_the_event_type_and_nothing_is_stored() {
        api.send(append("claimed", sarah, enrolment("Claimed")));

        for (Map<String, String> caller : List.of(sarah, admin)) {
            Answer answer = api.send(append("claimed", caller, oneEvent(1, "NotificationSent", SENT)));

            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.error()).isEqualTo("invalid_request");
            assertThat(answer.body().path("details").findValuesAsText("field")).containsExactly("events[0].event_type");
            assertThat(answer.body().path("details").findValuesAsText("problem").getFirst())
                    .contains("appended only by the system");
        }
        assertThat(api.send(ApiCall.to(LOAD, "Family", "claimed").as(sarah)).body().path("aggregate_version")
                .asLong()).isEqualTo(1);
    }

    @Test
    void a_callers_personal_data_erased_is_refused_so_no_family_reads_as_erased_while_its_key_is_still_there() {
        api.send(append("not-erased", sarah, enrolment("Kept")));

        for (Map<String, String> caller : List.of(sarah, admin)) {
            Answer answer = api.send(append("not-erased", caller,
                    oneEvent(1, "PersonalDataErased", "{\"reason\": \"made up\"}")));

            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.body().path("details").findValuesAsText("problem").getFirst())
                    .contains("appended only by the system");
        }
        Answer family = api.send(ApiCall.to(LOAD, "Family", "not-erased").as(sarah));
        assertThat(family.body().path("aggregate_version").asLong()).isEqualTo(1);
        assertThat(family.body().path("state").path("family_name").asText()).isEqualTo("Kept");
        Answer erasure = api.send(ApiCall.to(ERASURE, "Family", "not-erased").as(admin)
                .body("{\"reason\": \"asked\"}"));
        assertThat(erasure.status()).as("the erasure route is the way, and it works: %s", erasure).isEqualTo(200);
    }

    @Test
    void a_refused_notification_sent_takes_the_valid_events_of_its_request_down_with_it() {
        api.send(append("mixed", sarah, enrolment("Mixed")));
        String body = """
                {"expected_version": 1, "events": [
                 {"event_type": "ChildAdded", "event_data": {"child_name": "Sam"}},
                 {"event_type": "NotificationSent", "event_data": %s}]}""".formatted(SENT);

        Answer answer = api.send(append("mixed", sarah, body));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body().path("details").findValuesAsText("field")).containsExactly("events[1].event_type");
        assertThat(api.send(ApiCall.to(HISTORY, "Family", "mixed").as(sarah)).body().path("events").size())
                .isEqualTo(1);
    }

    @Test
    void a_what_if_with_a_notification_sent_is_refused_the_same_way() {
        api.send(append("wondering", sarah, enrolment("Wondering")));

        Answer answer = api.send(ApiCall.to(WhatIfRoutesTest.SIMULATE, "Family", "wondering").as(sarah)
                .body("{\"events\": [{\"event_type\": \"NotificationSent\", \"event_data\": " + SENT + "}]}"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body().path("details").findValuesAsText("field")).containsExactly("events[0].event_type");
    }

    @Test
    void the_notifiers_own_append_is_stored() {
        api.send(append("told", sarah, enrolment("Told")));
        NotificationSent sent = new NotificationSent("payment_receipt", NotificationSent.EMAIL, "paid-2", "ses-id-1");

        events.append(new AppendRequest(tenant, Family.NAME, "told", ExpectedVersion.any(),
                List.of(codec.propose(Family.INSTANCE, sent, Optional.empty())), NoticeSender.USER_ID,
                Optional.empty(), Optional.empty()));

        Answer history = api.send(ApiCall.to(HISTORY, "Family", "told").as(sarah));
        assertThat(history.body().path("events").findValuesAsText("event_type"))
                .containsExactly("FamilyEnrolled", "NotificationSent");
    }
}
