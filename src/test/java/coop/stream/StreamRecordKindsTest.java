package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.store.dynamodb.EventItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the events table's stream carries besides new events: changes to stored items (the backfill's time keys, an
 * operator's fix) are no events and pass; an insert that comes without its item cannot be handled and must not pass.
 */
class StreamRecordKindsTest extends StreamTest {

    @Test
    void a_modified_event_item_is_not_an_event_and_changes_nothing() {
        enroll("chen", "Chen Family");
        deliverAll();
        dynamo.updateItem(update -> update.tableName(tables.name("EventsTable"))
                .key(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(family("chen"))),
                        EventItems.VERSION, AttributeValue.fromN("1")))
                .updateExpression("REMOVE " + EventItems.TIME_VERSION));
        List<DynamodbEvent.DynamodbStreamRecord> modified = newRecords();
        assertThat(modified).extracting(DynamodbEvent.DynamodbStreamRecord::getEventName).containsExactly("MODIFY");
        int published = this.published.size();

        assertThat(deliver(modified)).isEmpty();

        assertThat(this.published).hasSize(published);
        assertThat(summary("chen")).isEqualTo(expectedSummary("chen"));
    }

    @Test
    void an_insert_without_its_new_image_fails_as_a_record_instead_of_being_skipped() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        List<DynamodbEvent.DynamodbStreamRecord> records = newRecords();
        // What a stream set to KEYS_ONLY would deliver for the second insert: keys, no item.
        records.get(1).getDynamodb().setNewImage(null);

        List<String> failed = deliver(records);

        assertThat(failed).containsExactly(records.get(1).getDynamodb().getSequenceNumber());
        assertThat(summary("chen").aggregateVersion()).isEqualTo(1);
    }
}
