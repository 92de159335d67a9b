package coop.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import coop.testing.ApiCall;
import coop.testing.Emf;
import coop.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native binary's stream function, handed a DynamoDB stream batch through the Runtime API as Lambda's event
 * source mapping hands it (the events table's own stream records from moto): the family's summary is updated, the
 * lock-portal-on-overdue trigger appends its lock, {@code explain} follows the lock back to its causes, and the batch
 * writes its log line and metrics.
 */
@ExtendWith(PrintOutputOnFailure.class)
class StreamFunctionNativeIT {

    private static NativeBackend backend;
    private static NativeFunction append;
    private static NativeFunction stream;
    private static NativeFunction readModels;
    private static NativeFunction query;

    private final String tenant = Tokens.newTenant();
    private final String family = "native-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        backend = new NativeBackend();
        append = new NativeFunction("appendEvents", backend.environment());
        stream = new NativeFunction("processStreamRecord", backend.environment());
        readModels = new NativeFunction("readModels", backend.environment());
        query = new NativeFunction("queryEvents", backend.environment());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {append, stream, readModels, query, backend}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void a_stream_batch_updates_the_summary_fires_the_lock_trigger_and_explain_follows_it_back() throws Exception {
        appendEvent(0, "enrolled", null, "FamilyEnrolled", "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        appendEvent(1, "due", null, "PaymentDue", "{\"amount\": 450, \"due_date\": \"2024-10-15\"}");
        appendEvent(2, "overdue", family + "-due", "PaymentOverdue", "{\"amount\": 450, \"due_date\": \"2024-10-15\"}");
        List<Record> records = backend.streamRecords().stream()
                .filter(record -> record.dynamodb().keys().get("stream_id").s().startsWith(tenant + "#")).toList();
        assertThat(records).hasSize(3);

        JsonNode answer = stream.invoke(LambdaEvents.streamBatch(records, backend.eventsStreamArn()));
        assertThat(answer.path("batchItemFailures").isArray()).as(answer.toString()).isTrue();
        assertThat(answer.path("batchItemFailures")).as(answer.toString()).isEmpty();

        JsonNode summary = call(readModels, ApiCall.to("GET /families/{family_id}/summary", family)).body();
        assertThat(summary.path("family_name").asText()).as(summary.toString()).isEqualTo("Native");
        assertThat(summary.path("payment_status").asText()).isEqualTo("overdue");
        assertThat(summary.path("balance_due").decimalValue()).isEqualByComparingTo("450");
        assertThat(summary.path("aggregate_version").asLong()).isEqualTo(3);

        JsonNode why = call(query, ApiCall.to("GET /aggregates/{aggregate_type}/{aggregate_id}/explain", "Family", family)
                .query("field", "portal_access")).body();
        assertThat(why.path("value").asText()).as(why.toString()).isEqualTo("locked");
        assertThat(why.path("changed_by").path("event_type").asText()).isEqualTo("PortalAccessLocked");
        assertThat(why.path("changed_by").path("user_id").asText()).isEqualTo("trigger:lock-portal-on-overdue");
        assertThat(why.path("causation_chain").findValuesAsText("event_id"))
                .contains(family + "-overdue", family + "-due");
    }

    @Test
    void a_batch_writes_its_json_log_line_and_its_metrics() throws Exception {
        appendEvent(0, "enrolled", null, "FamilyEnrolled", "{\"family_name\": \"Native\", \"enrollment_date\": \"2024-09-01\"}");
        List<Record> records = backend.streamRecords().stream()
                .filter(record -> record.dynamodb().keys().get("stream_id").s().startsWith(tenant + "#")).toList();

        stream.invoke(LambdaEvents.streamBatch(records, backend.eventsStreamArn()));

        JsonNode batch = Lines.awaitJson(stream, line -> line.path("loggerName").asText().equals("coop.stream")
                && line.path("mdc").path("tenants").asText().contains(tenant)).getLast().path("mdc");
        assertThat(batch.path("records").asText()).as(batch.toString()).isEqualTo("1");
        assertThat(batch.path("failed").asText()).isEqualTo("0");
        assertThat(batch.path("AWSRequestId").asText()).as("Lambda's request id").matches("[0-9a-f-]{36}");
        Emf metrics = Emf.all(Lines.awaitJson(stream, line -> line.has("_aws") && line.has("StreamRecords"))).getLast();
        assertThat(metrics.namespace()).isEqualTo("Coop/native-it");
        assertThat(metrics.metricNames()).contains("StreamRecords", "StreamRecordFailures", "StreamBatchLatency");
    }

    private void appendEvent(long expectedVersion, String id, String causationId, String type, String data)
            throws Exception {
        String causation = causationId == null ? "" : ", \"causation_id\": \"" + causationId + "\"";
        String body = "{\"expected_version\": %d%s, \"events\": [{\"event_id\": \"%s-%s\", \"event_type\": \"%s\", \"event_data\": %s}]}"
                .formatted(expectedVersion, causation, family, id, type, data);
        Reply reply = call(append, ApiCall.to("POST /aggregates/{aggregate_type}/{aggregate_id}/events", "Family", family)
                .body(body));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private Reply call(NativeFunction function, ApiCall call) throws Exception {
        return Reply.of(function.invoke(LambdaEvents.http(call.as(Tokens.coordinator(tenant)))));
    }
}
