package coop.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import coop.testing.ApiCall;
import coop.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data in the native binary: an enrolment's names and a child's age and grade are sealed under the family's
 * KMS data key (moto's KMS, the key passed by ARN as the template passes it), a load opens them, the stream function
 * reads the sealed stream images into the summary, and after an erasure ({@code revertCorrelation}) instances started
 * since read loads and the summary with those fields null.
 */
@ExtendWith(PrintOutputOnFailure.class)
class SealedDataNativeIT {

    private static final String LOAD = "GET /aggregates/{aggregate_type}/{aggregate_id}";

    private static NativeBackend backend;
    private static NativeFunction append;
    private static NativeFunction load;
    private static NativeFunction revert;
    private static NativeFunction stream;
    private static NativeFunction readModels;

    private final String tenant = Tokens.newTenant();
    private final String family = "native-" + UUID.randomUUID().toString().substring(0, 8);
    /** Names found nowhere else, so any trace of them in a table or a stream image is a leak. */
    private final String name = "Zyx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String child = "Quil" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void start() throws Exception {
        backend = new NativeBackend();
        append = new NativeFunction("appendEvents", backend.environment());
        load = new NativeFunction("loadAggregate", backend.environment());
        revert = new NativeFunction("revertCorrelation", backend.environment());
        stream = new NativeFunction("processStreamRecord", backend.environment());
        readModels = new NativeFunction("readModels", backend.environment());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {append, load, revert, stream, readModels, backend}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void personal_fields_are_stored_sealed_opened_by_a_load_and_null_after_an_erasure() throws Exception {
        Reply enrolled = call(append, Tokens.coordinator(tenant), enrolment());
        assertThat(enrolled.status()).as(enrolled.body().toString()).isEqualTo(201);
        assertThat(backend.items("EventsTable").toString()).as("the events table").doesNotContain(name, child);
        assertThat(backend.items("KeysTable").toString()).as("the family's wrapped data key").contains(family);

        JsonNode opened = call(load, Tokens.coordinator(tenant), ApiCall.to(LOAD, "Family", family)).body();
        assertThat(opened.path("state").path("family_name").asText()).as(opened.toString()).isEqualTo(name);
        assertThat(opened.path("state").path("children").get(0).path("child_name").asText()).isEqualTo(child);
        assertThat(opened.path("state").path("children").get(0).path("age").asInt()).isEqualTo(9);

        Reply erased = call(revert, Tokens.admin(tenant), ApiCall.to(
                "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure", "Family", family)
                .body("{\"reason\": \"GDPR request 2024-117\"}"));
        assertThat(erased.status()).as(erased.body().toString()).isEqualTo(200);
        assertThat(erased.body().path("aggregate_version").asLong()).isEqualTo(3);

        // A function that still holds the family's plain key reads it until coop.keys.cache-ttl (README, "Personal
        // data"); an instance started after the erasure is what every instance becomes.
        JsonNode after;
        try (NativeFunction coldLoad = new NativeFunction("loadAggregate", backend.environment())) {
            after = call(coldLoad, Tokens.coordinator(tenant), ApiCall.to(LOAD, "Family", family)).body();
        }
        assertThat(after.path("aggregate_version").asLong()).as(after.toString()).isEqualTo(3);
        assertThat(after.path("erased_fields")).extracting(JsonNode::asText)
                .contains("family_name", "children.child_name", "children.age", "children.grade");
        assertThat(after.path("state").path("family_name").isNull()).isTrue();
        assertThat(after.path("state").path("children").get(0).path("child_name").isNull()).isTrue();
        assertThat(after.path("state").path("enrollment_date").asText()).isEqualTo("2024-09-01");
        assertThat(after.toString()).doesNotContain(name, child);
    }

    @Test
    void a_stream_batch_of_sealed_images_fills_the_summary_and_the_erasures_batch_empties_its_personal_fields()
            throws Exception {
        assertThat(call(append, Tokens.coordinator(tenant), enrolment()).status()).isEqualTo(201);
        List<Record> sealed = familyRecords();
        assertThat(sealed).hasSize(2);
        String batch = LambdaEvents.streamBatch(sealed, backend.eventsStreamArn());
        assertThat(batch).as("the stream images Lambda hands over").doesNotContain(name, child);

        JsonNode answer = stream.invoke(batch);
        assertThat(answer.path("batchItemFailures")).as(answer.toString()).isEmpty();
        JsonNode summary = summary();
        assertThat(summary.path("family_name").asText()).as(summary.toString()).isEqualTo(name);
        assertThat(summary.path("children").get(0).path("child_name").asText()).isEqualTo(child);
        assertThat(backend.items("ReadModelsTable").toString()).as("the summary row").doesNotContain(name, child);

        assertThat(call(revert, Tokens.admin(tenant), ApiCall.to(
                "POST /aggregates/{aggregate_type}/{aggregate_id}/erasure", "Family", family)
                .body("{\"reason\": \"GDPR request 2024-117\"}")).status()).isEqualTo(200);
        List<Record> erasure = familyRecords().subList(sealed.size(), sealed.size() + 1);
        JsonNode emptied;
        // Instances started after the erasure: warm ones hold the plain key until coop.keys.cache-ttl.
        try (NativeFunction coldStream = new NativeFunction("processStreamRecord", backend.environment());
             NativeFunction coldReadModels = new NativeFunction("readModels", backend.environment())) {
            JsonNode erasureAnswer = coldStream.invoke(LambdaEvents.streamBatch(erasure, backend.eventsStreamArn()));
            assertThat(erasureAnswer.path("batchItemFailures")).as(erasureAnswer.toString()).isEmpty();
            emptied = call(coldReadModels, Tokens.coordinator(tenant),
                    ApiCall.to("GET /families/{family_id}/summary", family)).body();
        }
        assertThat(emptied.path("family_name").isNull()).as(emptied.toString()).isTrue();
        assertThat(emptied.path("children").get(0).path("child_name").isNull()).isTrue();
        assertThat(emptied.path("aggregate_version").asLong()).isEqualTo(3);
    }

    private ApiCall enrolment() {
        return ApiCall.to("POST /aggregates/{aggregate_type}/{aggregate_id}/events", "Family", family).body("""
                {"expected_version": 0, "events": [{"event_type": "FamilyEnrolled", "event_data":
                 {"family_name": "%s", "enrollment_date": "2024-09-01", "parent_name": "Pat %s"}},
                 {"event_type": "ChildAdded", "event_data": {"child_name": "%s", "age": 9, "grade": 4}}]}
                """.formatted(name, name, child));
    }

    private List<Record> familyRecords() {
        return backend.streamRecords().stream()
                .filter(record -> record.dynamodb().keys().get("stream_id").s().startsWith(tenant + "#")).toList();
    }

    private JsonNode summary() throws Exception {
        return call(readModels, Tokens.coordinator(tenant), ApiCall.to("GET /families/{family_id}/summary", family))
                .body();
    }

    private Reply call(NativeFunction function, Map<String, String> caller, ApiCall call) throws Exception {
        return Reply.of(function.invoke(LambdaEvents.http(call.as(caller))));
    }
}
