package coop.functions;

import coop.app.AppendRequest;
import coop.app.EventService;
import coop.app.ProposedEvent;
import coop.local.LocalReadiness;
import coop.store.ExpectedVersion;
import coop.readmodel.FamilySummary;
import coop.stream.FamilySummaryProjection;
import coop.readmodel.ProjectionInfo;
import coop.readmodel.ReadModelQueries;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDI wiring of the stream side, end to end on the embedded moto: append, local poller, stream function. */
@QuarkusTest
@TestProfile(StreamWiringTest.PollerOn.class)
class StreamWiringTest {

    public static class PollerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Funqy serves one exported function; this test posts stream batches to it. Tables of its own, so the
            // poller does not start behind the backlog of every other Quarkus test's events.
            return Map.of("coop.local.stream-poller.enabled", "true",
                    "coop.local.stream-poller.interval-millis", "200",
                    "quarkus.funqy.export", "processStreamRecord",
                    "coop.tables.events", "stream-wiring-events",
                    "coop.tables.snapshots", "stream-wiring-snapshots",
                    "coop.tables.read-models", "stream-wiring-read-models",
                    "coop.tables.checkpoints", "stream-wiring-checkpoints");
        }
    }

    @Inject
    EventService events;

    @Inject
    ReadModelQueries queries;

    @Inject
    Instance<LocalReadiness> readiness;

    @Test
    void funqy_reports_a_record_that_throws_by_sequence_number_and_passes_the_others() {
        String body = """
                {"Records": [
                  {"eventID": "1", "eventName": "REMOVE", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                   "dynamodb": {"Keys": {"stream_id": {"S": "x"}, "version": {"N": "1"}},
                                "SequenceNumber": "100", "StreamViewType": "NEW_IMAGE"}},
                  {"eventID": "2", "eventName": "INSERT", "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                   "dynamodb": {"Keys": {"stream_id": {"S": "x"}, "version": {"N": "2"}},
                                "NewImage": {"stream_id": {"S": "x"}, "version": {"N": "2"}},
                                "SequenceNumber": "200", "StreamViewType": "NEW_IMAGE"}}
                ]}""";

        String testApi = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus-internal.aws-lambda.test-api", String.class);
        io.restassured.RestAssured.given().baseUri("http://" + testApi).contentType("application/json").body(body)
                .post("/")
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", org.hamcrest.Matchers.contains("200"));
    }

    @Test
    void the_local_poller_feeds_a_fresh_append_through_the_stream_function_into_the_summary() throws InterruptedException {
        String familyId = "chen-" + UUID.randomUUID().toString().substring(0, 8);
        events.append(new AppendRequest("coop-north", "Family", familyId, ExpectedVersion.noStream(),
                List.of(new ProposedEvent(Optional.empty(), "FamilyEnrolled", Optional.empty(),
                        Map.of("family_name", "Chen Family", "enrollment_date", "2024-09-01"))),
                "coordinator-1", Optional.empty(), Optional.empty()));

        Optional<FamilySummary> summary = Optional.empty();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (summary.isEmpty() && Instant.now().isBefore(deadline)) {
            summary = queries.familySummary("coop-north", familyId);
            Thread.sleep(50);
        }

        assertThat(summary).hasValueSatisfying(s -> assertThat(s.familyName()).isEqualTo("Chen Family"));
        assertThat(readiness.stream().filter(r -> r.name().equals("stream-poller")))
                .singleElement().satisfies(r -> assertThat(r.ready()).isTrue());
        assertThat(queries.projectionsOfAllTenants().projections()).extracting(ProjectionInfo::projectionName)
                .contains(FamilySummaryProjection.NAME, "lock-portal-on-overdue", "restore-portal-on-payment",
                        "snapshots", "event-feed");
    }
}
