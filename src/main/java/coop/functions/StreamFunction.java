package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.stream.StreamDispatcher;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The events table's stream, one record at a time: Funqy's advanced event handling calls this per record and reports
 * a record whose call threw in {@code batchItemFailures} (by sequence number), so Lambda retries from it.
 */
public class StreamFunction {

    @Inject
    StreamDispatcher dispatcher;

    @Funq
    public void processStreamRecord(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecords.event(record).ifPresent(dispatcher::process);
    }
}
