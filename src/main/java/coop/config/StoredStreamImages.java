package coop.config;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.functions.StreamImages;
import coop.store.RecordedEvent;
import coop.store.dynamodb.PersonalData;
import coop.store.dynamodb.StreamRecords;

import java.util.List;
import java.util.Optional;

/** The stream function's {@link StreamImages}, answered by the DynamoDB store: its item layout and its keys. */
final class StoredStreamImages implements StreamImages {

    private final PersonalData personal;

    StoredStreamImages(PersonalData personal) {
        this.personal = personal;
    }

    @Override
    public Optional<RecordedEvent> event(DynamodbEvent.DynamodbStreamRecord record) {
        return StreamRecords.event(record);
    }

    @Override
    public List<RecordedEvent> open(List<RecordedEvent> events) {
        return personal.open(events);
    }
}
