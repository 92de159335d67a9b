package coop.keys;

import coop.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KeyCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-09-01T09:00:00Z"));

    @Test
    void a_key_lives_exactly_its_time_to_live() {
        KeyCache cache = new KeyCache(clock, Duration.ofSeconds(60));
        cache.put("s", new byte[]{1});

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("s")).containsExactly(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("s")).isNull();
    }

    @Test
    void a_forgotten_key_is_gone_at_once() {
        KeyCache cache = new KeyCache(clock, Duration.ofSeconds(60));
        cache.put("s", new byte[]{1});

        cache.forget("s");

        assertThat(cache.get("s")).isNull();
    }

    @Test
    void a_zero_time_to_live_caches_nothing() {
        KeyCache cache = new KeyCache(clock, Duration.ZERO);
        cache.put("s", new byte[]{1});

        assertThat(cache.get("s")).isNull();
    }

    @Test
    void the_cache_never_holds_more_than_its_bound() {
        KeyCache cache = new KeyCache(clock, Duration.ofSeconds(60));
        for (int i = 0; i <= KeyCache.MAX_KEYS; i++) {
            cache.put("s" + i, new byte[]{1});
        }

        int held = 0;
        for (int i = 0; i <= KeyCache.MAX_KEYS; i++) {
            held += cache.get("s" + i) == null ? 0 : 1;
        }
        assertThat(held).isLessThanOrEqualTo(KeyCache.MAX_KEYS).isPositive();
    }
}
