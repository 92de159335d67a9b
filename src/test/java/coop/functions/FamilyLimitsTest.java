package coop.functions;

import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits that keep a family within one DynamoDB item, through the API: a text too long is a 400 naming the field,
 * the append that would cross a count is a 422, and neither stores anything.
 */
@QuarkusTest
class FamilyLimitsTest {

    private static final String ENROLMENT = "{\"event_type\": \"FamilyEnrolled\", \"event_data\": "
            + "{\"family_name\": \"Large\", \"enrollment_date\": \"2024-09-01\"}}";

    @Inject
    ApiClient api;

    private final Map<String, String> sarah = Tokens.coordinator(Tokens.newTenant());

    @Test
    void a_name_one_character_too_long_is_a_400_naming_the_field_and_its_limit() {
        Answer answer = api.send(append("long", sarah, events(0, List.of(ENROLMENT, child("c".repeat(201))))));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.body().path("details").get(0).path("field").asText())
                .isEqualTo("events[1].event_data.child_name");
        assertThat(answer.body().path("details").get(0).path("problem").asText())
                .isEqualTo("must be at most 200 characters");
        assertThat(api.send(ApiCall.to(LOAD, "Family", "long").as(sarah)).status()).isEqualTo(404);
    }

    @Test
    void the_twenty_first_child_is_a_422_whether_in_its_own_append_or_in_the_one_that_crosses_and_nothing_is_stored() {
        List<String> twentyChildren = new ArrayList<>(List.of(ENROLMENT));
        for (int i = 1; i <= 20; i++) {
            twentyChildren.add(child("Child " + i));
        }
        List<String> crossing = new ArrayList<>(twentyChildren);
        crossing.add(child("Child 21"));

        Answer crossingAtOnce = api.send(append("crossing", sarah, events(0, crossing)));
        Answer full = api.send(append("full", sarah, events(0, twentyChildren)));
        Answer oneMore = api.send(append("full", sarah, oneEvent(21, "ChildAdded", "{\"child_name\": \"Child 21\"}")));

        assertThat(crossingAtOnce.status()).as(crossingAtOnce.toString()).isEqualTo(422);
        assertThat(crossingAtOnce.error()).isEqualTo("rule_violation");
        assertThat(crossingAtOnce.body().path("message").asText()).contains("events[21] (ChildAdded)")
                .contains("already has 20 children");
        assertThat(api.send(ApiCall.to(LOAD, "Family", "crossing").as(sarah)).status()).isEqualTo(404);
        assertThat(full.status()).as(full.toString()).isEqualTo(201);
        assertThat(oneMore.status()).as(oneMore.toString()).isEqualTo(422);
        assertThat(oneMore.error()).isEqualTo("rule_violation");
        Answer loaded = api.send(ApiCall.to(LOAD, "Family", "full").as(sarah));
        assertThat(loaded.body().path("aggregate_version").asLong()).isEqualTo(21);
        assertThat(loaded.body().path("state").path("children").size()).isEqualTo(20);
    }

    @Test
    void the_501st_unpaid_due_is_a_422_until_a_payment_settles_one() {
        assertThat(api.send(append("owing", sarah, events(0, List.of(ENROLMENT)))).status()).isEqualTo(201);
        long version = 1;
        LocalDate day = LocalDate.of(2024, 10, 1);
        for (int appended = 0; appended < 500; ) {
            List<String> dues = new ArrayList<>();
            for (int i = 0; i < 49 && appended < 500; i++, appended++) {
                dues.add(due(day.plusDays(appended)));
            }
            Answer answer = api.send(append("owing", sarah, events(version, dues)));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            version += dues.size();
        }

        Answer oneMore = api.send(append("owing", sarah, events(version, List.of(due(day.plusDays(500))))));

        assertThat(oneMore.status()).as(oneMore.toString()).isEqualTo(422);
        assertThat(oneMore.error()).isEqualTo("rule_violation");
        assertThat(oneMore.body().path("message").asText()).contains("500 unpaid dues");
        assertThat(api.send(ApiCall.to(LOAD, "Family", "owing").as(sarah)).body().path("aggregate_version").asLong())
                .isEqualTo(version);
        String payment = "{\"event_type\": \"PaymentReceived\", \"event_data\": {\"amount\": 10, "
                + "\"date\": \"2024-10-01\", \"payment_method\": \"check\"}}";
        Answer paidThenCharged = api.send(append("owing", sarah,
                events(version, List.of(payment, due(day.plusDays(500))))));
        assertThat(paidThenCharged.status()).as(paidThenCharged.toString()).isEqualTo(201);
    }

    private static String child(String name) {
        return "{\"event_type\": \"ChildAdded\", \"event_data\": {\"child_name\": \"" + name + "\"}}";
    }

    private static String due(LocalDate date) {
        return "{\"event_type\": \"PaymentDue\", \"event_data\": {\"amount\": 10, \"due_date\": \"" + date + "\"}}";
    }

    private static String events(long expectedVersion, List<String> events) {
        return "{\"expected_version\": " + expectedVersion + ", \"events\": [" + String.join(",", events) + "]}";
    }
}
