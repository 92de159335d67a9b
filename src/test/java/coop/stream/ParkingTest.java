package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.functions.StreamBatches;
import coop.store.ParkingStore;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbParking;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The stream side with parking, as the deployed stream function runs it: every subscriber can be broken for one
 * family's events (a bad release, or a service that answers errors), and batches are delivered as Lambda delivers
 * them with {@code ReportBatchItemFailures}: again from the first failed record, 11 deliveries at most.
 */
abstract class ParkingTest extends StreamTest {

    static final int PARK_AFTER = 3;
    /** Lambda's deliveries of a failing record: the first and {@code MaximumRetryAttempts: 10}. */
    static final int MAX_DELIVERIES = 11;

    final List<BreakableSubscriber> breakable = new ArrayList<>();
    volatile String faultyFamily = "none";
    volatile Supplier<RuntimeException> fault = () -> new IllegalStateException("a bug in this release");
    ParkingStore parking;
    FamilyParking stream;

    @Override
    List<Subscriber> subscribers() {
        return super.subscribers().stream().map(real -> {
            BreakableSubscriber wrapped = new BreakableSubscriber(real,
                    event -> event.aggregateId().equals(faultyFamily), () -> fault.get());
            breakable.add(wrapped);
            return (Subscriber) wrapped;
        }).toList();
    }

    @BeforeEach
    void parkingOnTheCheckpointsTable() {
        parking = new DynamoDbParking(dynamo, tables.name("CheckpointsTable"));
        stream = new FamilyParking(dispatcher, parking, PARK_AFTER, clock);
    }

    /** Breaks (or fixes) every subscriber for the faulty family's events. */
    void broken(boolean broken) {
        breakable.forEach(subscriber -> subscriber.broken(broken));
    }

    /** Delivers the batch again from the first failed record until none fails; every answer's failed records. */
    List<List<String>> deliverAsLambda(List<DynamodbEvent.DynamodbStreamRecord> batch) {
        List<List<String>> answers = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> pending = batch;
        while (answers.size() < MAX_DELIVERIES) {
            List<String> failed = deliverThroughParking(pending);
            answers.add(failed);
            if (failed.isEmpty()) {
                break;
            }
            int from = pending.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList().indexOf(failed.get(0));
            pending = pending.subList(from, pending.size());
        }
        return answers;
    }

    /** One delivery through the stream function's body with parking; the answer's failed sequence numbers. */
    List<String> deliverThroughParking(List<DynamodbEvent.DynamodbStreamRecord> records) {
        return StreamBatches.handle(records, StreamRecords::event, events -> stream.dispatch(events).failed()).getBatchItemFailures()
                .stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    void deliverAllThroughParking() {
        for (var records = newRecords(); !records.isEmpty(); records = newRecords()) {
            deliverAsLambda(records);
        }
    }

    List<RecordedEvent> ofType(String familyId, String type) {
        return history(familyId).stream().filter(e -> e.eventType().equals(type)).toList();
    }
}
