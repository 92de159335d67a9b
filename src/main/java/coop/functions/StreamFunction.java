package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.observability.StreamBatch;
import coop.observability.StreamBatchLog;
import coop.store.RecordedEvent;
import coop.stream.FamilyParking;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/**
 * The events table's stream, a whole batch at a time: Funqy's per-record "advanced event handling" is switched off
 * ({@code quarkus.funqy.amazon-lambda.advanced-event-handling.enabled=false}), so this takes the {@link DynamodbEvent}
 * as Lambda sends it and answers the batch item failures itself: the first record not handled, by sequence number,
 * from which Lambda delivers the shard again. An aggregate that keeps failing on one event is parked instead
 * ({@link FamilyParking}), so that it never holds up the rest of the shard. Each batch writes one log line and one
 * set of metrics.
 */
public class StreamFunction {

    @Inject
    FamilyParking parking;

    @Inject
    StreamBatchLog batchLog;

    @Inject
    StreamImages images;

    @Funq
    public StreamsEventResponse processStreamRecord(DynamodbEvent event) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        StreamBatch batch = batchLog.start();
        records.forEach(record -> batch.received(writtenAt(record)));
        try {
            // Stream images carry personal values sealed, as stored: subscribers see them opened, in memory only.
            return StreamBatches.handle(records, images::event, sealed -> {
                List<RecordedEvent> events = images.open(sealed);
                return batch.dispatched(events, parking.dispatch(events));
            });
        } finally {
            batch.finish();
        }
    }

    private static Instant writtenAt(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb() == null || record.getDynamodb().getApproximateCreationDateTime() == null ? null
                : record.getDynamodb().getApproximateCreationDateTime().toInstant();
    }
}
