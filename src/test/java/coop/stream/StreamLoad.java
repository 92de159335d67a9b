package coop.stream;

import coop.domain.family.Family;
import coop.store.EventMetadata;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.StreamId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes families' histories straight into the store, up to a hundred events per append, so that tests and the
 * benchmark set up long histories fast (the stream then carries them like any other events).
 */
public final class StreamLoad {

    static final LocalDate FIRST_DUE = LocalDate.parse("2024-10-01");

    private final EventStore store;

    public StreamLoad(EventStore store) {
        this.store = store;
    }

    /** Appends {@code count} events made by {@code event} (given 0, 1, ...) after version {@code after}. */
    public long append(StreamId stream, long after, int count, IntFunction<NewEvent> event) {
        long version = after;
        for (int from = 0; from < count; from += EventStore.MAX_EVENTS_PER_APPEND) {
            List<NewEvent> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + EventStore.MAX_EVENTS_PER_APPEND); i++) {
                chunk.add(event.apply(i));
            }
            store.append(stream, version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version), chunk,
                    EventMetadata.of("import", "import-" + stream.aggregateId()));
            version += chunk.size();
        }
        return version;
    }

    /** Enrols the family with {@code dues} payments due (one a day from {@link #FIRST_DUE}); returns its version. */
    public long enrol(StreamId stream, int dues) {
        return append(stream, 0, 1 + dues, i -> i == 0 ? enrolled(stream.aggregateId()) : due(i - 1));
    }

    static StreamId family(String tenantId, String familyId) {
        return new StreamId(tenantId, Family.NAME, familyId);
    }

    static NewEvent enrolled(String familyId) {
        return NewEvent.of("FamilyEnrolled", 1,
                "{\"family_name\":\"" + familyId + " Family\",\"enrollment_date\":\"2024-09-01\"}");
    }

    static NewEvent due(int n) {
        return NewEvent.of("PaymentDue", 1, "{\"amount\":100,\"due_date\":\"" + FIRST_DUE.plusDays(n) + "\"}");
    }

    public static NewEvent overdue(int n) {
        return NewEvent.of("PaymentOverdue", 1, "{\"amount\":100,\"due_date\":\"" + FIRST_DUE.plusDays(n) + "\"}");
    }

    public static NewEvent score(int n) {
        return NewEvent.of("EngagementScoreUpdated", 1, "{\"new_score\":" + (n % 101) + "}");
    }
}
