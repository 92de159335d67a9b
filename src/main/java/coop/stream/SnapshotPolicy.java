package coop.stream;

import java.util.Map;

/**
 * How often to snapshot each aggregate type: every {@code n}-th version. 0 or less turns snapshots off for a type.
 *
 * @param every        per aggregate type name, e.g. {@code Family -> 50}
 * @param defaultEvery for types not named
 */
public record SnapshotPolicy(Map<String, Integer> every, int defaultEvery) {

    public SnapshotPolicy {
        every = Map.copyOf(every);
    }

    public int everyFor(String aggregateType) {
        return every.getOrDefault(aggregateType, defaultEvery);
    }

    public boolean snapshotAt(String aggregateType, long version) {
        int n = everyFor(aggregateType);
        return n > 0 && version % n == 0;
    }
}
