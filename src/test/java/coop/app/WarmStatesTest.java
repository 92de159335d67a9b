package coop.app;

import coop.store.StreamId;
import coop.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WarmStatesTest {

    private static StreamId family(String id) {
        return new StreamId("coop-north", "Family", id);
    }

    @Test
    void the_least_recently_used_family_goes_first_once_the_capacity_is_reached() {
        WarmStates warm = new WarmStates(2);
        warm.remember(family("a"), "a1", 1, 0);
        warm.remember(family("b"), "b1", 1, 0);
        warm.get(family("a")); // used since b

        warm.remember(family("c"), "c1", 1, 0);

        assertThat(warm.size()).isEqualTo(2);
        assertThat(warm.get(family("b"))).isEmpty();
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("a1", 1, 0));
        assertThat(warm.<String>get(family("c"))).contains(new WarmStates.Known<>("c1", 1, 0));
    }

    @Test
    void a_state_is_kept_no_longer_than_its_age_limit_after_it_was_last_remembered_or_moved_forward() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
        WarmStates warm = new WarmStates(10, clock, Duration.ofSeconds(60));
        warm.remember(family("a"), "after 1", 1, 0);

        clock.advance(Duration.ofSeconds(59));
        warm.advance(family("a"), 1, "after 2", 2); // an append proves it current again
        clock.advance(Duration.ofSeconds(59));
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("after 2", 2, 1));

        clock.advance(Duration.ofSeconds(1)); // 60 s since the append: another instance may have erased the family
        assertThat(warm.get(family("a"))).isEmpty();
        assertThat(warm.size()).isZero();
    }

    @Test
    void a_zero_age_limit_remembers_nothing() {
        WarmStates warm = new WarmStates(10, new MutableClock(Instant.EPOCH), Duration.ZERO);
        warm.remember(family("a"), "after 1", 1, 0);

        assertThat(warm.get(family("a"))).isEmpty();
    }

    @Test
    void an_older_state_never_replaces_a_newer_one_and_a_load_of_the_same_version_updates_it() {
        WarmStates warm = new WarmStates(10);
        warm.remember(family("a"), "after 5", 5, 0);

        warm.remember(family("a"), "after 3", 3, 0); // a load that started before the append finished
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("after 5", 5, 0));

        warm.remember(family("a"), "after 5, loaded", 5, 7); // the same version: what a load replays is fresher
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("after 5, loaded", 5, 7));
    }

    @Test
    void forgetting_a_version_leaves_a_newer_state_another_thread_remembered() {
        WarmStates warm = new WarmStates(10);
        warm.remember(family("a"), "after 5", 5, 0);
        warm.remember(family("a"), "after 6", 6, 0);

        warm.forget(family("a"), 5); // the writer that lost its condition at 5
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("after 6", 6, 0));

        warm.forget(family("a"), 6);
        assertThat(warm.get(family("a"))).isEmpty();
    }

    @Test
    void an_append_moves_the_state_it_followed_forward_and_counts_what_a_load_would_replay() {
        WarmStates warm = new WarmStates(10);
        warm.remember(family("a"), "after 5", 5, 2);

        warm.advance(family("a"), 5, "after 8", 8);
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("after 8", 8, 5));

        warm.advance(family("b"), 0, "after 3", 3); // it created the stream
        assertThat(warm.<String>get(family("b"))).contains(new WarmStates.Known<>("after 3", 3, 3));

        warm.advance(family("a"), 6, "after 9", 9); // a state from elsewhere: what a load replays is unknown
        warm.advance(family("c"), 4, "after 6", 6);
        assertThat(warm.<String>get(family("a"))).contains(new WarmStates.Known<>("after 8", 8, 5));
        assertThat(warm.get(family("c"))).isEmpty();
    }

    @Test
    void none_remembers_nothing() {
        WarmStates.NONE.remember(family("a"), "a1", 1, 0);

        assertThat(WarmStates.NONE.get(family("a"))).isEmpty();
        assertThat(WarmStates.NONE.size()).isZero();
    }

    @Test
    void racing_threads_leave_the_newest_state_and_never_more_than_the_capacity() throws Exception {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            WarmStates warm = new WarmStates(16);
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                Thread thread = new Thread(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                        for (int v = 1; v <= 200; v++) {
                            warm.remember(family("shared"), "v" + v, v, 0);
                            warm.remember(family("own-" + writer + "-" + v), "x", 1, 0);
                            warm.forget(family("shared"), v - 1 - writer % 2);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                started.add(thread);
                thread.start();
            }
            for (Thread thread : started) {
                thread.join();
            }
            assertThat(warm.size()).isLessThanOrEqualTo(16);
            // Whatever interleaving: the shared entry is absent or a state a writer remembered, never torn.
            warm.<String>get(family("shared")).ifPresent(known ->
                    assertThat(known.state()).isEqualTo("v" + known.version()));
        }
    }
}
