package coop.stream;

import coop.app.EventCodec;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.NoticeKind;
import coop.notify.NoticeCounts;
import coop.notify.NoticeFacts;
import coop.notify.NoticeSender;
import coop.readmodel.HandlerType;
import coop.store.RecordedEvent;
import coop.store.StreamId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Tells the family: for each event that calls for a notice (overdue, portal locked or restored, payment received),
 * the {@link NoticeSender} sends it once. It runs in the stream function beside the triggers rather than as a second
 * function on the stream: a DynamoDB stream serves two readers per shard at most, and a failure here holds back only
 * this subscriber's events of one family (the others' checkpoints and cursors pass them).
 *
 * <p>An event recorded longer ago than {@code maxEventAge} sends nothing and writes nothing: a stream re-read from its
 * horizon, a replay or a rebuild of old history is not news, and skipping it costs no request.
 */
public final class FamilyNotices implements Subscriber {

    public static final String NAME = "notify-family";

    /** The metric's reason for events too old to send anything. */
    static final String TOO_OLD = "too_old";

    private final Subscription subscription;
    private final NoticeSender sender;
    private final EventCodec codec;
    private final NoticeCounts metrics;
    private final UnaryOperator<String> coopName;
    private final Duration maxEventAge;
    private final Clock clock;

    public FamilyNotices(boolean active, NoticeSender sender, EventCodec codec, NoticeCounts metrics,
                         UnaryOperator<String> coopName, Duration maxEventAge, Clock clock) {
        this.subscription = new Subscription(NAME, HandlerType.TRIGGER,
                Set.of("PaymentOverdue", "PortalAccessLocked", "PortalAccessRestored", "PaymentReceived"), active);
        this.sender = sender;
        this.codec = codec;
        this.metrics = metrics;
        this.coopName = coopName;
        this.maxEventAge = maxEventAge;
        this.clock = clock;
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public List<Failure> handle(List<RecordedEvent> batch, BatchStates states) {
        Map<StreamId, List<RecordedEvent>> byFamily = PerAggregate.group(
                batch.stream().filter(event -> Family.NAME.equals(event.aggregateType())).toList());
        Instant oldest = clock.instant().minus(maxEventAge);
        long tooOld = byFamily.values().stream().flatMap(List::stream)
                .filter(event -> event.timestamp().isBefore(oldest)).count();
        if (tooOld > 0) {
            metrics.noticesSkipped(TOO_OLD, tooOld);
        }
        return PerAggregate.each(byFamily, (stream, events) -> {
            List<RecordedEvent> recent = events.stream().filter(event -> !event.timestamp().isBefore(oldest)).toList();
            if (recent.isEmpty()) {
                return;
            }
            Folded<FamilyState> folded = states.after(Family.INSTANCE, stream);
            for (RecordedEvent event : recent) {
                try {
                    notify(event, folded);
                } catch (RuntimeException e) {
                    // this event and the family's later ones come back; the earlier ones' notices are decided
                    throw new AggregateFailed(event.aggregateVersion(), e);
                }
            }
        });
    }

    private void notify(RecordedEvent event, Folded<FamilyState> folded) {
        NoticeKind kind = NoticeFacts.kindOf(event.eventType()).orElseThrow();
        folded.requireFoldedUpTo(event.aggregateVersion());
        FamilyState family = folded.state().orElseThrow().state();
        Map<String, String> values = NoticeFacts.values(coopName.apply(event.tenantId()),
                codec.decode(Family.INSTANCE, event), event.timestamp().atZone(ZoneOffset.UTC).toLocalDate(), family);
        sender.deliver(event, kind, family, values);
    }
}
