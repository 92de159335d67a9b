package coop.app;

import coop.domain.RuleViolation;
import coop.domain.family.ChildAdded;
import coop.domain.family.EngagementScoreUpdated;
import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyWithdrawalReversed;
import coop.domain.family.FamilyWithdrawn;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentOverdue;
import coop.domain.family.PaymentReceived;
import coop.domain.family.PortalAccessLocked;
import coop.domain.family.PortalAccessRestored;
import coop.domain.family.VacationEnded;
import coop.domain.family.VacationStarted;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.StreamId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Over randomly generated histories, a snapshot plus the events after it gives exactly the state of a full replay. */
class SnapshotReplayPropertyTest extends AppTest {

    private static final int HISTORIES = 6;
    private static final int EVENTS_PER_HISTORY = 40;

    @Test
    void snapshot_plus_tail_equals_a_full_replay_over_random_histories() {
        long seed = Long.getLong("coop.test.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int h = 0; h < HISTORIES; h++) {
            StreamId stream = new StreamId(TENANT, "Family", "random-" + h);
            List<FamilyState> replayed = storeRandomHistory(stream, random);
            int last = replayed.size();

            for (int s = 0; s < 3; s++) {
                long at = 1 + random.nextInt(last);
                repository.saveSnapshot(Family.INSTANCE, stream, new Loaded<>(replayed.get((int) at - 1), at,
                        store.readStream(stream, at - 1, at).getFirst().timestamp()));
            }
            for (int t = 0; t < 6; t++) {
                long target = 1 + random.nextInt(last);
                FamilyState loaded = repository.load(Family.INSTANCE, stream, new LoadTarget.AtVersion(target))
                        .orElseThrow().state();
                assertThat(loaded).as("history %d at version %d (seed %d)", h, target, seed)
                        .isEqualTo(replayed.get((int) target - 1));
            }
            assertThat(repository.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow().state())
                    .as("history %d latest (seed %d)", h, seed).isEqualTo(replayed.getLast());
        }
    }

    /** Appends a random valid history in random batch sizes; returns the replayed state after each version. */
    private List<FamilyState> storeRandomHistory(StreamId stream, Random random) {
        List<FamilyState> states = new ArrayList<>();
        FamilyState state = Family.INSTANCE.initialState(stream.aggregateId());
        List<FamilyEvent> pending = new ArrayList<>();
        pending.add(new FamilyEnrolled("Family " + stream.aggregateId(), LocalDate.of(2024, 9, 1), "Parent", 2));
        state = Family.INSTANCE.evolve(state, pending.getFirst());
        states.add(state);
        while (states.size() < EVENTS_PER_HISTORY) {
            FamilyEvent candidate = randomEvent(random, state);
            try {
                Family.INSTANCE.check(state, candidate);
            } catch (RuleViolation notNow) {
                continue;
            }
            state = Family.INSTANCE.evolve(state, candidate);
            states.add(state);
            pending.add(candidate);
            if (pending.size() >= 1 + random.nextInt(4)) {
                flush(stream, pending, states.size() - pending.size());
            }
        }
        if (!pending.isEmpty()) {
            flush(stream, pending, states.size() - pending.size());
        }
        return states;
    }

    private void flush(StreamId stream, List<FamilyEvent> pending, long after) {
        List<NewEvent> batch = pending.stream().map(event -> codec.encode(Family.INSTANCE, event)).toList();
        store.append(stream, ExpectedVersion.exactly(after), batch, EventMetadata.of("sarah", "random"));
        pending.clear();
    }

    private static FamilyEvent randomEvent(Random random, FamilyState state) {
        LocalDate day = LocalDate.of(2024, 9, 2).plusDays(random.nextInt(300));
        BigDecimal amount = BigDecimal.valueOf(50 + random.nextInt(20) * 25L);
        return switch (random.nextInt(12)) {
            case 0 -> new ChildAdded("Child " + random.nextInt(100), random.nextInt(18), random.nextInt(13));
            case 1, 2 -> new PaymentDue(amount, day);
            case 3 -> state.dues().isEmpty()
                    ? new PaymentDue(amount, day)
                    : new PaymentOverdue(state.dues().getFirst().amount(), state.dues().getFirst().dueDate());
            case 4, 5 -> new PaymentReceived(amount, day, random.nextBoolean() ? "card" : "check");
            case 6 -> new PortalAccessLocked("overdue");
            case 7 -> new PortalAccessRestored("paid");
            case 8 -> new EngagementScoreUpdated(random.nextInt(101));
            case 9 -> new FamilyWithdrawn(day, "moving");
            case 10 -> new FamilyWithdrawalReversed("mistake", "some-event");
            default -> random.nextBoolean() ? new VacationStarted(day, null)
                    : new VacationEnded(day);
        };
    }
}
