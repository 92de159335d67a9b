package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.stream.StreamDispatcher;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The events table's stream, a whole batch at a time: Funqy's per-record "advanced event handling" is switched off
 * ({@code quarkus.funqy.amazon-lambda.advanced-event-handling.enabled=false}), so this takes the {@link DynamodbEvent}
 * as Lambda sends it and answers the batch item failures itself: the first record not handled, by sequence number,
 * from which Lambda delivers the shard again.
 */
public class StreamFunction {

    @Inject
    StreamDispatcher dispatcher;

    @Funq
    public StreamsEventResponse processStreamRecord(DynamodbEvent event) {
        return StreamBatches.handle(event.getRecords(), dispatcher::dispatch);
    }
}
