package coop.stream;

import coop.store.RecordedEvent;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trigger's first sight of a family with 5,000 events costs what any batch costs: it starts at the family's
 * current version and decides on its state once, instead of walking every earlier event and loading the state for
 * each (1,517 requests and 45 s for one record at 1,000 events before). Once the summary row exists, the state comes
 * from it and no event is read at all ({@link StreamBatchCostTest}).
 */
class LongHistoryTriggerTest extends StreamTest {

    private static final int HISTORY = 5000;

    @Override
    List<Subscriber> subscribers() {
        return deployedSubscribers();
    }

    /** The locks after the history (the history has none). */
    private List<RecordedEvent> locks(StreamId stream) {
        return store.readStream(stream, HISTORY, Long.MAX_VALUE).stream()
                .filter(e -> e.eventType().equals("PortalAccessLocked")).toList();
    }

    /** 5,000 events (enrolment, a due, the rest engagement scores), the overdue notice after them. */
    private StreamId longFamily(String id) {
        StreamId stream = family(id);
        new StreamLoad(store).append(stream, 0, HISTORY + 1, i -> switch (i) {
            case 0 -> StreamLoad.enrolled(id);
            case 1 -> StreamLoad.due(0);
            case HISTORY -> StreamLoad.overdue(0);
            default -> StreamLoad.score(i);
        });
        return stream;
    }

    @Test
    void a_trigger_and_projection_deployed_after_5000_events_load_the_family_once() {
        StreamId stream = longFamily("late");
        List<RecordedEvent> overdue = store.readStream(stream, HISTORY, HISTORY + 1);
        requests.reset();

        // Only the overdue notice reaches the subscribers (through the dispatcher's batch entry, as a replay of
        // stored events does): as if they had been deployed just before it.
        assertThat(dispatcher.dispatch(overdue).failed()).isEmpty();

        List<String> operations = requests.operations();
        // One load (newest snapshot, then the events in a few 1 MB pages), then the usual writes; nothing per event.
        assertThat(operations).filteredOn("Query"::equals).as(operations.toString()).hasSizeLessThanOrEqualTo(4);
        assertThat(operations.size()).as(operations.toString()).isLessThanOrEqualTo(15);
        assertThat(locks(stream)).hasSize(1);
        assertThat(summary("late").aggregateVersion()).isEqualTo(HISTORY + 1);
        requests.reset();
        assertThat(dispatcher.dispatch(overdue).failed()).as("a redelivery").isEmpty();
        assertThat(requests.operations()).as("a redelivery reads the row and the cursor and stops")
                .doesNotContain("Query", "TransactWriteItems");
        assertThat(locks(stream)).hasSize(1);
    }
}
