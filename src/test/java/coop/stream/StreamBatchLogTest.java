package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.readmodel.HandlerType;
import coop.store.RecordedEvent;
import coop.observability.DynamoDbRequestMetrics;
import coop.observability.Metrics;
import coop.observability.StreamBatch;
import coop.observability.StreamBatchLog;
import coop.store.dynamodb.StreamRecords;
import coop.testing.CapturedLogs;
import coop.testing.Emf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One log line and one set of EMF metrics per stream batch, over real stream records from moto and the real
 * subscribers, plus one that always fails (a broken downstream system).
 */
class StreamBatchLogTest extends StreamTest {

    private final List<String> emf = new CopyOnWriteArrayList<>();

    @Override
    List<Subscriber> subscribers() {
        List<Subscriber> all = new ArrayList<>(super.subscribers());
        all.add(new Subscriber() {
            @Override
            public Subscription subscription() {
                return new Subscription("always-fails", HandlerType.PROJECTION, java.util.Set.of(), true);
            }

            @Override
            public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
                throw new IllegalStateException("the downstream system is down");
            }
        });
        return all;
    }

    @Test
    void a_batch_writes_records_failures_per_subscriber_and_the_oldest_records_age() {
        enroll("lopez", "Lopez");
        due("lopez", 300, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> records = newRecords();
        // Stream records carry the wall-clock time they were written at, so the batch's age is measured on it.
        StreamBatchLog log = new StreamBatchLog(new Metrics("Coop/test", emf::add), new DynamoDbRequestMetrics(),
                java.time.Clock.systemUTC());

        try (CapturedLogs logs = new CapturedLogs("coop.stream")) {
            StreamBatch batch = log.start();
            records.forEach(record -> batch.received(record.getDynamodb().getApproximateCreationDateTime().toInstant()));
            List<RecordedEvent> events = records.stream().map(r -> StreamRecords.event(r).orElseThrow()).toList();
            List<RecordedEvent> failed = batch.dispatched(events, dispatcher.dispatch(events));
            batch.finish();

            assertThat(failed).hasSize(2);
            List<Emf> documents = Emf.all(emf.stream().map(line -> {
                try {
                    return coop.app.Json.mapper().readTree(line);
                } catch (Exception e) {
                    throw new AssertionError(line, e);
                }
            }).toList());
            Emf totals = documents.stream().filter(d -> d.has("StreamRecords")).findFirst().orElseThrow();
            assertThat(totals.namespace()).isEqualTo("Coop/test");
            assertThat(totals.dimensionSets()).containsExactly(List.of());
            assertThat(totals.value("StreamRecords")).isEqualTo(2);
            assertThat(totals.value("StreamRecordFailures")).isEqualTo(2);
            assertThat(totals.unit("OldestRecordAge")).isEqualTo("Milliseconds");
            assertThat(totals.value("OldestRecordAge")).isBetween(0.0, 600_000.0);
            Emf failures = documents.stream().filter(d -> d.has("SubscriberFailures")).findFirst().orElseThrow();
            assertThat(failures.dimensionSets()).containsExactly(List.of("Subscriber"), List.of());
            assertThat(failures.dimension("Subscriber")).isEqualTo("always-fails");
            assertThat(failures.value("SubscriberFailures")).isEqualTo(2);

            CapturedLogs.Line line = logs.lines("coop.stream").getLast();
            List<String> eventIds = records.stream().map(r -> StreamRecords.event(r).orElseThrow().eventId()).toList();
            assertThat(line.mdc()).containsEntry("records", "2").containsEntry("failed", "2")
                    .containsEntry("event_ids", String.join(",", eventIds)).containsEntry("tenants", TENANT)
                    .containsEntry("subscriber_failures", "{always-fails=2}");
            assertThat(line.message() + line.mdc()).as("no personal data").doesNotContain("Lopez");
        }
    }

    @Test
    void a_batch_whose_family_is_parked_counts_the_parked_records_and_names_them_instead_of_failures() {
        enroll("ortiz", "Ortiz");
        due("ortiz", 300, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> records = newRecords();
        StreamBatchLog log = new StreamBatchLog(new Metrics("Coop/test", emf::add), new DynamoDbRequestMetrics(),
                java.time.Clock.systemUTC());
        FamilyParking parkAtOnce = new FamilyParking(dispatcher,
                new coop.store.dynamodb.DynamoDbParking(dynamo, tables.name("CheckpointsTable")), 1, clock);

        try (CapturedLogs logs = new CapturedLogs("coop.stream")) {
            StreamBatch batch = log.start();
            records.forEach(record -> batch.received(record.getDynamodb().getApproximateCreationDateTime().toInstant()));
            List<RecordedEvent> events = records.stream().map(r -> StreamRecords.event(r).orElseThrow()).toList();
            List<RecordedEvent> failed = batch.dispatched(events, parkAtOnce.dispatch(events));
            batch.finish();

            assertThat(failed).isEmpty();
            Emf totals = Emf.all(emf.stream().map(line -> {
                try {
                    return coop.app.Json.mapper().readTree(line);
                } catch (Exception e) {
                    throw new AssertionError(line, e);
                }
            }).toList()).stream().filter(d -> d.has("ParkedEvents")).findFirst().orElseThrow();
            assertThat(totals.value("ParkedEvents")).isEqualTo(2);
            assertThat(totals.value("StreamRecordFailures")).isEqualTo(0);
            CapturedLogs.Line line = logs.lines("coop.stream").getLast();
            assertThat(line.mdc()).containsEntry("parked_event_ids", String.join(",", events.stream()
                    .map(RecordedEvent::eventId).toList())).doesNotContainKey("failed_event_ids");
        }
    }
}
