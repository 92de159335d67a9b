package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import coop.app.WarmStates;
import coop.store.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trigger appends its follow-up on the state its batch left, with one write and no load, and keeps the instance's
 * remembered state in step: in an instance that both appends and runs the stream (the local server), the append
 * after the follow-up is warm, on the state the follow-up left, and the lock's rules held on it.
 */
class WarmTriggerTest extends StreamTest {

    @Override
    WarmStates warmStates() {
        return new WarmStates(100);
    }

    @Test
    void the_follow_up_costs_one_write_and_the_append_after_it_starts_from_the_state_it_left() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();
        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        append("chen", "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        List<DynamodbEvent.DynamodbStreamRecord> overdue = newRecords();

        requests.reset();
        assertThat(deliver(overdue)).isEmpty();
        // The batch's reads (checkpoints, starting points, cursors) and writes, but no load: one write, the lock.
        assertThat(requests.operations()).doesNotContain("Query")
                .filteredOn("TransactWriteItems"::equals).hasSize(1);

        requests.reset();
        received("chen", 450, "2024-10-16");
        assertThat(requests.operations()).containsExactly("TransactWriteItems");
        assertThat(history("chen")).extracting(RecordedEvent::eventType).containsExactly("FamilyEnrolled",
                "PaymentDue", "PaymentOverdue", "PortalAccessLocked", "PaymentReceived");
    }
}
