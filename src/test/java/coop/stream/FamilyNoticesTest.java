package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.functions.StreamBatches;
import coop.notify.NoticeSender;
import coop.notify.NoticeSettings;
import coop.notify.SesMailer;
import coop.observability.Metrics;
import coop.store.Notice;
import coop.store.NoticeKey;
import coop.store.NoticeStore;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbNotices;
import coop.testing.TestSes;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Notices to families through the deployed stream side (sealed personal values, the real notices table, moto's real
 * SES v2 API): whatever the deliveries do, a notice goes out once and the family's history records it once. Sends are
 * counted in what moto's SES accepted, per recipient.
 */
class FamilyNoticesTest extends SealedStreamTest {

    private static final NoticeSettings SETTINGS = new NoticeSettings(Duration.ofSeconds(10), Duration.ofSeconds(3), 3,
            Duration.ofDays(2));

    private final List<String> metricLines = new CopyOnWriteArrayList<>();
    private SesV2Client ses;
    private NoticeStore notices;

    @Override
    List<Subscriber> subscribers() {
        List<Subscriber> all = new ArrayList<>(super.subscribers());
        all.add(notifier());
        return all;
    }

    /** A notifier as one function instance has it, on the shared table and provider. */
    private FamilyNotices notifier() {
        if (ses == null) {
            ses = TestSes.client();
            notices = new DynamoDbNotices(dynamo, tables.name("NoticesTable"));
        }
        Metrics metrics = new Metrics("test", metricLines::add);
        NoticeSender sender = new NoticeSender(notices, new SesMailer(ses, TestSes.FROM), events, codec, metrics,
                SETTINGS, clock);
        return new FamilyNotices(true, sender, codec, metrics, tenant -> "North Co-op", SETTINGS.maxEventAge(), clock);
    }

    @AfterEach
    void closeSes() {
        ses.close();
    }

    private static String address() {
        return "family-" + UUID.randomUUID() + "@example.org";
    }

    private void enrollWithEmail(String familyId, String email) {
        append(familyId, "FamilyEnrolled", Map.of("family_name", "Chen Family", "enrollment_date", "2024-09-01",
                "email", email));
    }

    private List<String> deliverTo(StreamDispatcher instance, List<DynamodbEvent.DynamodbStreamRecord> records) {
        return StreamBatches.handle(records, StreamRecords::event, images -> instance.dispatch(personal.open(images)).failed())
                .getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private List<RecordedEvent> sentNotices(String familyId) {
        return ofType(familyId, "NotificationSent");
    }

    @Test
    void a_receipt_names_the_co_op_the_amount_and_the_date_and_the_history_records_it() {
        String email = address();
        enrollWithEmail("chen", email);
        received("chen", 450, "2024-10-20");
        deliverAll();

        assertThat(TestSes.messagesTo(email)).singleElement().satisfies(message -> {
            assertThat(message.path("subject").asText()).isEqualTo("North Co-op: we received 450.00");
            assertThat(message.path("body").asText()).contains("Chen Family", "450.00", "2024-10-20");
        });
        RecordedEvent payment = ofType("chen", "PaymentReceived").getFirst();
        assertThat(sentNotices("chen")).singleElement().satisfies(sent -> {
            assertThat(sent.data()).contains("\"notice\":\"payment_receipt\"", "\"channel\":\"email\"",
                    payment.eventId(), TestSes.messagesTo(email).getFirst().path("id").asText());
            assertThat(sent.data()).doesNotContain(email);
            assertThat(sent.causationId()).contains(payment.eventId());
            assertThat(sent.userId()).isEqualTo(NoticeSender.USER_ID);
        });
        assertThat(notices.recent(TENANT, 10)).singleElement()
                .satisfies(notice -> assertThat(notice.status()).isEqualTo(Notice.Status.RECORDED));
    }

    @Test
    void the_same_record_delivered_to_eight_instances_at_once_sends_once_and_is_recorded_once() throws Exception {
        int instances = 8;
        for (int round = 0; round < 6; round++) {
            String familyId = "race-" + round;
            String email = address();
            enrollWithEmail(familyId, email);
            due(familyId, 450, "2024-10-01");
            append(familyId, "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
            List<DynamodbEvent.DynamodbStreamRecord> records = newRecords();
            List<StreamDispatcher> dispatchers = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                dispatchers.add(new StreamDispatcher(List.of(notifier()), checkpoints, clock, aggregates, store,
                        familySummary));
            }
            CyclicBarrier start = new CyclicBarrier(instances);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (StreamDispatcher instance : dispatchers) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        deliverTo(instance, records);
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            // Lambda retries what the losers reported failed: they find it recorded.
            deliverAll();

            assertThat(errors).isEmpty();
            assertThat(TestSes.messagesTo(email)).as("round %d", round).hasSize(1);
            assertThat(sentNotices(familyId)).as("round %d", round).hasSize(1);
        }
    }

    @Test
    void a_batch_that_fails_half_way_and_is_redelivered_sends_nothing_again() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(address());
            enrollWithEmail("batch-" + i, emails.get(i));
        }
        deliverAll();
        for (int i = 0; i < 5; i++) {
            received("batch-" + i, 100 + i, "2024-10-20");
        }
        List<DynamodbEvent.DynamodbStreamRecord> batch = newRecords();
        Predicate<RecordedEvent> third = event -> event.aggregateId().equals("batch-2");
        BreakableSubscriber breakable = new BreakableSubscriber(notifier(), third,
                () -> new IllegalStateException("the function ran out of time"));
        breakable.broken(true);
        StreamDispatcher failing = new StreamDispatcher(List.of(breakable), checkpoints, clock, aggregates, store,
                familySummary);

        assertThat(deliverTo(failing, batch)).hasSize(1);
        assertThat(TestSes.messagesTo(emails.get(2))).isEmpty();
        breakable.broken(false);
        // Lambda without bisecting re-delivers the whole batch; with a batch item failure, from the failed record on.
        assertThat(deliverTo(failing, batch)).isEmpty();
        assertThat(deliverTo(failing, batch.subList(2, batch.size()))).isEmpty();
        deliverAll();

        for (int i = 0; i < 5; i++) {
            assertThat(TestSes.messagesTo(emails.get(i))).as("family %d", i).hasSize(1);
            assertThat(sentNotices("batch-" + i)).as("family %d", i).hasSize(1);
        }
    }

    @Test
    void a_replay_and_a_rebuild_of_a_year_of_history_send_nothing() {
        String email = address();
        enrollWithEmail("year", email);
        for (int month = 0; month < 12; month++) {
            String day = "2024-%02d-01".formatted(month % 12 + 1);
            due("year", 100, day);
            received("year", 100, day);
            deliverAll();
            clock.advance(Duration.ofDays(30));
        }
        int sentLive = TestSes.messagesTo(email).size();
        assertThat(sentLive).isEqualTo(12);
        List<RecordedEvent> history = history("year");

        // A replay through the deployed subscribers: every notice is decided already.
        dispatcher.dispatch(history);
        // A rebuild or a stream re-read with nothing decided: every event is too old, so the notifier does not even
        // ask its table (this one does not exist).
        NoticeStore decidedBefore = notices;
        notices = new DynamoDbNotices(dynamo, tables.name("NoticesTable") + "-missing");
        StreamDispatcher fresh = new StreamDispatcher(List.of(notifier()), checkpoints, clock, aggregates, store,
                familySummary);
        assertThat(fresh.dispatch(history).failed()).isEmpty();
        notices = decidedBefore;

        assertThat(TestSes.messagesTo(email)).hasSize(sentLive);
        assertThat(sentNotices("year")).hasSize(12);
        assertThat(metricLines).anyMatch(line -> line.contains("NoticesSkipped") && line.contains("too_old"));
    }

    @Test
    void a_lease_that_expires_after_a_crash_between_claim_and_send_is_sent_once_on_the_retry() {
        String email = address();
        enrollWithEmail("crash", email);
        received("crash", 450, "2024-10-20");
        RecordedEvent payment = ofType("crash", "PaymentReceived").getFirst();
        // The delivery that died had claimed it and sent nothing.
        notices.claim(new NoticeKey(TENANT, "crash", payment.eventId(), "payment_receipt"), clock.instant(),
                clock.instant().plus(SETTINGS.lease()));
        List<DynamodbEvent.DynamodbStreamRecord> records = newRecords();

        assertThat(deliver(records)).as("held by the dead delivery's lease: retried later").hasSize(1);
        assertThat(TestSes.messagesTo(email)).isEmpty();

        clock.advance(SETTINGS.lease().plusSeconds(1));
        assertThat(deliver(records)).isEmpty();
        assertThat(deliver(records)).isEmpty();
        deliverAll();

        assertThat(TestSes.messagesTo(email)).hasSize(1);
        assertThat(sentNotices("crash")).hasSize(1);
        assertThat(notices.recent(TENANT, 10)).singleElement().satisfies(notice -> {
            assertThat(notice.status()).isEqualTo(Notice.Status.RECORDED);
            assertThat(notice.attempts()).isEqualTo(2);
        });
    }

    @Test
    void opt_out_erasure_and_a_missing_contact_send_nothing_and_say_why() {
        String optedOut = address();
        String erased = address();
        enrollWithEmail("opted-out", optedOut);
        append("opted-out", "NotificationPreferencesChanged", Map.of("notice", "payment_receipt",
                "choice", "opt_out"));
        enrollWithEmail("erased", erased);
        append("no-contact", "FamilyEnrolled", Map.of("family_name", "Okafor", "enrollment_date", "2024-09-01"));
        deliverAll();
        assertThat(erasures.erase(TENANT, "erased", "request", "admin-1")).isPresent();
        deliverAll();

        for (String familyId : List.of("opted-out", "erased", "no-contact")) {
            received(familyId, 450, "2024-10-20");
        }
        deliverAll();
        deliverAll();

        assertThat(TestSes.messagesTo(optedOut)).isEmpty();
        assertThat(TestSes.messagesTo(erased)).isEmpty();
        assertThat(notices.recent(TENANT, 10)).extracting(Notice::familyId, Notice::status, n -> n.reason().orElse(""))
                .containsExactlyInAnyOrder(
                        tuple("opted-out", Notice.Status.SKIPPED, "opted_out"),
                        tuple("erased", Notice.Status.SKIPPED, "personal_data_erased"),
                        tuple("no-contact", Notice.Status.SKIPPED, "no_contact"));
        assertThat(metricLines.stream().filter(line -> line.contains("NoticesSkipped")).toList()).hasSize(3);
        for (String familyId : List.of("opted-out", "erased", "no-contact")) {
            assertThat(sentNotices(familyId)).isEmpty();
        }
    }
}
