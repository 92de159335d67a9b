package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.AppendRequest;
import coop.app.EventService;
import coop.app.Json;
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
            // Funqy serves one exported function; this test hands stream batches to it. Tables of its own, so the
            // poller does not start behind the backlog of every other Quarkus test's events.
            return Map.of("coop.local.stream-poller.enabled", "true",
                    "coop.local.stream-poller.interval-millis", "200",
                    "quarkus.funqy.export", "processStreamRecord",
                    "coop.tables.events", "stream-wiring-events",
                    "coop.tables.event-ids", "stream-wiring-event-ids",
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
    void funqy_reports_a_record_that_throws_by_sequence_number_and_passes_the_others() throws Exception {
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

        JsonNode answer = Json.mapper().readTree(FunqyHandler.invoke(body));

        assertThat(answer.path("batchItemFailures").findValuesAsText("itemIdentifier")).as(answer.toString())
                .containsExactly("200");
    }

    @Test
    void a_whole_batch_as_lambda_sends_it_lands_per_family_and_answers_no_failure() throws Exception {
        String tenant = "wiring-" + UUID.randomUUID().toString().substring(0, 8);
        String records = String.join(",",
                insert(tenant, 3, "PaymentDue", "{\\\"amount\\\":450,\\\"due_date\\\":\\\"2024-10-01\\\"}", "303"),
                insert(tenant, 1, "FamilyEnrolled",
                        "{\\\"family_name\\\":\\\"Lee Family\\\",\\\"enrollment_date\\\":\\\"2024-09-01\\\"}", "301"),
                insert(tenant, 2, "ChildAdded", "{\\\"child_name\\\":\\\"Min\\\"}", "302"));

        JsonNode answer = Json.mapper().readTree(FunqyHandler.invoke("{\"Records\": [" + records + "]}"));

        assertThat(answer.path("batchItemFailures").isArray()).as(answer.toString()).isTrue();
        assertThat(answer.path("batchItemFailures")).as(answer.toString()).isEmpty();

        FamilySummary lee = queries.familySummary(tenant, "lee").orElseThrow();
        assertThat(lee.aggregateVersion()).isEqualTo(3);
        assertThat(lee.state().children()).hasSize(1);
        assertThat(lee.state().balanceDue()).isEqualByComparingTo("450");
        assertThat(queries.projections(tenant).projections())
                .filteredOn(p -> p.projectionName().equals(FamilySummaryProjection.NAME)).singleElement()
                .satisfies(p -> assertThat(p.lastEventId()).contains("lee-3"));
    }

    @Test
    void a_record_that_keeps_failing_is_parked_by_the_deployed_function_on_its_third_delivery() throws Exception {
        String tenant = "parking-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"Records\": [" + insert(tenant, 1, "NoSuchFamilyEvent", "{}", "401") + "]}";
        for (int delivery = 1; delivery <= 2; delivery++) {
            JsonNode answer = Json.mapper().readTree(FunqyHandler.invoke(body));
            assertThat(answer.path("batchItemFailures").findValuesAsText("itemIdentifier")).as(answer.toString())
                    .containsExactly("401");
        }
        assertThat(queries.projections(tenant).parkedFamilies()).isEmpty();

        JsonNode third = Json.mapper().readTree(FunqyHandler.invoke(body));
        assertThat(third.path("batchItemFailures").isArray()).as(third.toString()).isTrue();
        assertThat(third.path("batchItemFailures")).as(third.toString()).isEmpty();

        assertThat(queries.projections(tenant).parkedFamilies()).singleElement().satisfies(parked -> {
            assertThat(parked.stream().aggregateId()).isEqualTo("lee");
            assertThat(parked.fromVersion()).isEqualTo(1);
            assertThat(parked.attempts()).isEqualTo(3);
        });
    }

    /** A stream record as Lambda delivers it: camel-case envelope, DynamoDB JSON image, epoch-seconds date. */
    private static String insert(String tenant, int version, String type, String data, String sequence) {
        return """
                {"eventID": "%5$s", "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
                 "awsRegion": "us-east-1",
                 "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/coop-events/stream/2024",
                 "dynamodb": {"ApproximateCreationDateTime": 1727773200.5,
                   "Keys": {"stream_id": {"S": "%1$s#Family#lee"}, "version": {"N": "%2$d"}},
                   "NewImage": {"stream_id": {"S": "%1$s#Family#lee"}, "version": {"N": "%2$d"},
                     "tenant_id": {"S": "%1$s"}, "aggregate_type": {"S": "Family"}, "aggregate_id": {"S": "lee"},
                     "event_id": {"S": "lee-%2$d"}, "event_type": {"S": "%3$s"}, "event_version": {"N": "1"},
                     "event_data": {"S": "%4$s"}, "event_timestamp": {"S": "2024-10-01T09:00:0%2$dZ"},
                     "user_id": {"S": "coordinator-1"}, "correlation_id": {"S": "import-1"}},
                   "SequenceNumber": "%5$s", "SizeBytes": 420, "StreamViewType": "NEW_IMAGE"}}
                """.formatted(tenant, version, type, data, sequence);
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

        assertThat(summary).hasValueSatisfying(s -> assertThat(s.state().familyName()).isEqualTo("Chen Family"));
        assertThat(readiness.stream().filter(r -> r.name().equals("stream-poller")))
                .singleElement().satisfies(r -> assertThat(r.ready()).isTrue());
        assertThat(queries.projectionsOfAllTenants().projections()).extracting(ProjectionInfo::projectionName)
                .contains(FamilySummaryProjection.NAME, "lock-portal-on-overdue", "restore-portal-on-payment",
                        "snapshots", "stream-heads", "event-feed");
    }
}
