package coop.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.store.RecordedEvent;
import coop.stream.EventKey;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One stream batch through the dispatcher: the records' events handled together, and the answer Lambda reads with
 * {@code ReportBatchItemFailures}: the first record (in delivery order) that was not handled, or none.
 */
public final class StreamBatches {

    private static final Logger LOG = Logger.getLogger(StreamBatches.class);

    private StreamBatches() {
    }

    /**
     * @param read     the event a record carries, empty for records that carry none (the store's
     *                 {@link StreamImages#event})
     * @param dispatch handles events and returns those that failed
     */
    public static StreamsEventResponse handle(List<DynamodbEvent.DynamodbStreamRecord> records,
                                              Function<DynamodbEvent.DynamodbStreamRecord, Optional<RecordedEvent>> read,
                                              Function<List<RecordedEvent>, List<RecordedEvent>> dispatch) {
        List<DynamodbEvent.DynamodbStreamRecord> batch = records == null ? List.of() : records;
        List<Optional<RecordedEvent>> events = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : batch) {
            try {
                events.add(read.apply(record));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Stream record %s does not read as an event", sequenceOf(record));
                events.add(null); // fails as a record: Lambda delivers it again, then to the DLQ
            }
        }
        Set<EventKey> failed = dispatch.apply(events.stream().filter(e -> e != null && e.isPresent())
                .map(Optional::get).toList()).stream().map(EventKey::of).collect(Collectors.toSet());
        for (int i = 0; i < batch.size(); i++) {
            Optional<RecordedEvent> event = events.get(i);
            if (event == null || event.filter(e -> failed.contains(EventKey.of(e))).isPresent()) {
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        new StreamsEventResponse.BatchItemFailure(sequenceOf(batch.get(i))))).build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    /** The sequence number of the first failed record of an answer, if any. */
    public static Optional<String> firstFailure(StreamsEventResponse response) {
        return response.getBatchItemFailures() == null ? Optional.empty()
                : response.getBatchItemFailures().stream().findFirst()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier);
    }

    private static String sequenceOf(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? record.getEventID() : record.getDynamodb().getSequenceNumber();
    }
}
