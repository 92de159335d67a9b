package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.observability.StreamBatch;
import coop.observability.StreamBatchLog;
import coop.stream.StreamDispatcher;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.Date;
import java.util.Optional;

/**
 * The events table's stream, one record at a time: Funqy's advanced event handling calls this per record and reports
 * a record whose call threw in {@code batchItemFailures} (by sequence number), so Lambda retries from it.
 */
public class StreamFunction {

    @Inject
    StreamDispatcher dispatcher;

    @Inject
    StreamBatchLog batchLog;

    @Funq
    public void processStreamRecord(DynamodbEvent.DynamodbStreamRecord record) {
        // Funqy hands over one record at a time, so each is logged and measured as a batch of one.
        StreamBatch batch = batchLog.start();
        var created = Optional.ofNullable(record.getDynamodb()).map(d -> d.getApproximateCreationDateTime())
                .map(Date::toInstant).orElse(null);
        try {
            StreamRecords.event(record).ifPresentOrElse(event -> batch.run(event, created, () -> dispatcher.process(event)),
                    () -> batch.skipped(created));
        } finally {
            batch.finish();
        }
    }
}
