package coop.functions;

import coop.app.DerivedIds;
import coop.stream.FamilyTrigger;
import coop.stream.PortalTriggers;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static coop.functions.FamilyCalls.LOAD;
import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static org.assertj.core.api.Assertions.assertThat;

/** Callers cannot store an event under an id the system derives, so no request can keep a trigger from acting. */
@QuarkusTest
class ReservedEventIdsTest {

    @Inject
    ApiClient api;

    private final String tenant = Tokens.newTenant();
    private final Map<String, String> sarah = Tokens.coordinator(tenant);

    private static String childUnder(String eventId) {
        return """
                {"expected_version": 1, "events": [{"event_id": "%s", "event_type": "ChildAdded",
                 "event_data": {"child_name": "Sam"}}]}
                """.formatted(eventId);
    }

    @Test
    void the_id_a_trigger_will_derive_is_refused_with_a_400_and_nothing_is_stored() {
        api.send(append("squat", sarah, enrolment("Squat")));
        String lockId = FamilyTrigger.followUpId(PortalTriggers.LOCK_ON_OVERDUE, "overdue-1");

        Answer answer = api.send(append("squat", sarah, childUnder(lockId)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.body().path("details").findValuesAsText("field")).containsExactly("events[0].event_id");
        assertThat(answer.body().path("details").findValuesAsText("problem").getFirst())
                .contains(DerivedIds.NAMESPACE);
        assertThat(api.send(ApiCall.to(LOAD, "Family", "squat").as(sarah)).body().path("aggregate_version").asLong())
                .isEqualTo(1);
        assertThat(api.send(ApiCall.to(FamilyCalls.EVENT, lockId).as(sarah)).status()).isEqualTo(404);
    }

    @Test
    void an_id_that_only_resembles_the_namespace_is_the_callers() {
        api.send(append("near", sarah, enrolment("Near")));

        Answer answer = api.send(append("near", sarah, childUnder("systems-child-1")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }
}
