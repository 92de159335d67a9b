package coop.stream;

import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Runs a subscriber's work once per aggregate of a batch, on its events in version order, one failure at a time. */
final class PerAggregate {

    private PerAggregate() {
    }

    /** The batch's events by aggregate (in order of first appearance), each list by version, duplicates dropped. */
    static Map<StreamId, List<RecordedEvent>> group(List<RecordedEvent> events) {
        Map<StreamId, TreeMap<Long, RecordedEvent>> byStream = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            byStream.computeIfAbsent(event.stream(), stream -> new TreeMap<>())
                    .putIfAbsent(event.aggregateVersion(), event);
        }
        Map<StreamId, List<RecordedEvent>> grouped = new LinkedHashMap<>();
        byStream.forEach((stream, versions) -> grouped.put(stream, List.copyOf(versions.values())));
        return grouped;
    }

    /**
     * Calls {@code work} for each aggregate. When it throws, the aggregate's events fail from the version an
     * {@link AggregateFailed} names (from the first otherwise); other aggregates go on.
     */
    static List<Failure> each(Map<StreamId, List<RecordedEvent>> grouped,
                              BiConsumer<StreamId, List<RecordedEvent>> work) {
        List<Failure> failures = new ArrayList<>();
        grouped.forEach((stream, events) -> {
            try {
                work.accept(stream, events);
            } catch (AggregateFailed stopped) {
                RuntimeException cause = stopped.getCause() instanceof RuntimeException runtime ? runtime : stopped;
                events.stream().filter(event -> event.aggregateVersion() >= stopped.version())
                        .forEach(event -> failures.add(new Failure(event, cause)));
            } catch (RuntimeException e) {
                events.forEach(event -> failures.add(new Failure(event, e)));
            }
        });
        failures.sort(Comparator.comparing((Failure f) -> f.event().aggregateVersion()));
        return failures;
    }
}
