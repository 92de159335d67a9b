package coop.stream;

import coop.store.RecordedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real subscriber with a fault that can be switched on for some events (a bug, or a service that answers errors)
 * and "fixed and deployed" by switching it off: the events it hits fail with {@code error}, the others are handled
 * by the real subscriber.
 */
final class BreakableSubscriber implements Subscriber {

    private final Subscriber real;
    private final Predicate<RecordedEvent> hits;
    private final Supplier<RuntimeException> error;
    private volatile boolean broken;

    BreakableSubscriber(Subscriber real, Predicate<RecordedEvent> hits, Supplier<RuntimeException> error) {
        this.real = real;
        this.hits = hits;
        this.error = error;
    }

    void broken(boolean broken) {
        this.broken = broken;
    }

    @Override
    public Subscription subscription() {
        return real.subscription();
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> events, BatchStates states) {
        if (!broken) {
            return real.handle(events, states);
        }
        List<RecordedEvent> others = events.stream().filter(hits.negate()).toList();
        List<Failure> failures = new ArrayList<>(others.isEmpty() ? List.of() : real.handle(others, states));
        events.stream().filter(hits).forEach(event -> failures.add(new Failure(event, error.get())));
        return failures;
    }
}
