package coop.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain data keys held in memory for a bounded time, so that a warm function encrypts and decrypts without asking
 * KMS each time. The time to live is also how long a warm function elsewhere may still read a family after its key
 * was erased: the function that erases forgets at once.
 */
public final class KeyCache {

    /** Far more families than one function serves between two expiries; past it, expired keys go first, then all. */
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> keys = new ConcurrentHashMap<>();

    public KeyCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public byte[] get(String stream) {
        Entry entry = keys.get(stream);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expires())) {
            keys.remove(stream, entry);
            return null;
        }
        return entry.key();
    }

    public void put(String stream, byte[] key) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (keys.size() >= MAX_KEYS) {
            Instant now = clock.instant();
            keys.values().removeIf(entry -> !now.isBefore(entry.expires()));
            if (keys.size() >= MAX_KEYS) {
                keys.clear();
            }
        }
        keys.put(stream, new Entry(key, clock.instant().plus(ttl)));
    }

    public void forget(String stream) {
        keys.remove(stream);
    }

    private record Entry(byte[] key, Instant expires) {
    }
}
