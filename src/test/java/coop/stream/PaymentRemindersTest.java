package coop.stream;

import coop.app.AggregateRepository;
import coop.app.EventService;
import coop.notify.NoticeSender;
import coop.notify.NoticeSettings;
import coop.notify.SesMailer;
import coop.observability.Metrics;
import coop.schedule.PaymentReminders;
import coop.schedule.ReminderRun;
import coop.store.Notice;
import coop.store.NoticeStore;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbNotices;
import coop.testing.TestSes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The scheduled job's reminders on moto's DynamoDB, KMS and SES v2: a due is reminded of once, three days before its
 * date, however often and however many copies of the job run. Sends are counted in what moto's SES accepted.
 */
class PaymentRemindersTest extends SealedStreamTest {

    private static final NoticeSettings SETTINGS = new NoticeSettings(Duration.ofSeconds(10), Duration.ofSeconds(3), 3,
            Duration.ofDays(2));
    private static final int DAYS_BEFORE = 3;

    private final List<String> metricLines = new CopyOnWriteArrayList<>();
    private SesV2Client ses;
    private NoticeStore notices;

    @BeforeEach
    void sesAndNotices() {
        ses = TestSes.client();
        notices = new DynamoDbNotices(dynamo, tables.name("NoticesTable"));
    }

    @AfterEach
    void closeSes() {
        ses.close();
    }

    /** A copy of the job as one function instance has it: its own sender, on the shared tables and provider. */
    private PaymentReminders job() {
        Metrics metrics = new Metrics("test", metricLines::add);
        AggregateRepository ownAggregates = new AggregateRepository(store, codec);
        NoticeSender sender = new NoticeSender(notices, new SesMailer(ses, TestSes.FROM),
                new EventService(types, store, ownAggregates, codec), codec, metrics, SETTINGS, clock);
        return new PaymentReminders(readModels, ownAggregates, sender, tenant -> "North Co-op", DAYS_BEFORE, clock);
    }

    private static String address() {
        return "family-" + UUID.randomUUID() + "@example.org";
    }

    private void enrollWithEmail(String familyId, String email) {
        append(familyId, "FamilyEnrolled", Map.of("family_name", "Chen Family", "enrollment_date", "2024-09-01",
                "email", email));
    }

    private List<RecordedEvent> sentNotices(String familyId) {
        return ofType(familyId, "NotificationSent");
    }

    @Test
    void a_due_is_reminded_of_once_from_three_days_before_its_date_however_often_the_job_runs() {
        String email = address();
        enrollWithEmail("chen", email);
        due("chen", 450, "2024-10-18");
        deliverAll();

        clock.set(Instant.parse("2024-10-14T06:00:00Z"));
        assertThat(job().remind().remindersDecided()).as("four days before").isZero();
        assertThat(TestSes.messagesTo(email)).isEmpty();

        clock.set(Instant.parse("2024-10-15T06:00:00Z"));
        assertThat(job().remind()).isEqualTo(new ReminderRun(1, 1, 0));
        assertThat(job().remind()).as("the job run again").isEqualTo(new ReminderRun(1, 1, 0));
        clock.set(Instant.parse("2024-10-17T06:00:00Z"));
        job().remind();

        assertThat(TestSes.messagesTo(email)).singleElement().satisfies(message -> {
            assertThat(message.path("subject").asText()).isEqualTo("North Co-op: 450.00 due on 2024-10-18");
            assertThat(message.path("body").asText()).contains("Chen Family", "450.00", "2024-10-18");
        });
        assertThat(sentNotices("chen")).singleElement().satisfies(sent -> {
            assertThat(sent.data()).contains("\"notice\":\"payment_reminder\"",
                    TestSes.messagesTo(email).getFirst().path("id").asText());
            assertThat(sent.data()).doesNotContain(email);
            assertThat(sent.userId()).isEqualTo(NoticeSender.USER_ID);
        });
        assertThat(notices.recent(TENANT, 10)).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo("payment_reminder");
            assertThat(notice.status()).isEqualTo(Notice.Status.RECORDED);
        });
    }

    @Test
    void a_paid_due_and_one_already_overdue_get_no_reminder() {
        String email = address();
        enrollWithEmail("paid", email);
        due("paid", 450, "2024-10-18");
        received("paid", 450, "2024-10-10");
        enrollWithEmail("late", address());
        due("late", 300, "2024-10-01");
        append("late", "PaymentOverdue", Map.of("amount", 300, "due_date", "2024-10-01"));
        deliverAll();
        clock.set(Instant.parse("2024-10-16T06:00:00Z"));

        assertThat(job().remind().remindersDecided()).isZero();

        assertThat(TestSes.messagesTo(email)).isEmpty();
        assertThat(notices.recent(TENANT, 10)).isEmpty();
    }

    @Test
    void two_equal_dues_one_per_child_get_a_reminder_each() {
        String email = address();
        enrollWithEmail("twins", email);
        due("twins", 450, "2024-10-18");
        due("twins", 450, "2024-10-18");
        deliverAll();
        clock.set(Instant.parse("2024-10-16T06:00:00Z"));

        job().remind();
        job().remind();

        assertThat(TestSes.messagesTo(email)).hasSize(2);
        assertThat(sentNotices("twins")).hasSize(2);
    }

    @Test
    void eight_copies_of_the_job_at_once_send_each_reminder_once() throws Exception {
        int copies = 8;
        clock.set(Instant.parse("2024-10-16T06:00:00Z"));
        for (int round = 0; round < 5; round++) {
            String familyId = "race-" + round;
            String email = address();
            enrollWithEmail(familyId, email);
            due(familyId, 450, "2024-10-18");
            deliverAll();
            List<PaymentReminders> jobs = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                jobs.add(job());
            }
            CyclicBarrier start = new CyclicBarrier(copies);
            List<ReminderRun> runs = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (PaymentReminders copy : jobs) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        runs.add(copy.remind());
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join(60_000);
            }

            assertThat(errors).as("round %d", round).isEmpty();
            assertThat(runs).as("round %d", round).hasSize(copies);
            assertThat(TestSes.messagesTo(email)).as("round %d", round).hasSize(1);
            assertThat(sentNotices(familyId)).as("round %d", round).hasSize(1);
        }
        job().remind();
        assertThat(notices.recent(TENANT, 10)).hasSize(5)
                .allSatisfy(notice -> assertThat(notice.status()).isEqualTo(Notice.Status.RECORDED));
    }

    @Test
    void opt_out_erasure_and_a_missing_contact_get_no_reminder_and_say_why() {
        String optedOut = address();
        String erased = address();
        enrollWithEmail("opted-out", optedOut);
        append("opted-out", "NotificationPreferencesChanged", Map.of("notice", "payment_reminder",
                "choice", "opt_out"));
        enrollWithEmail("erased", erased);
        append("no-contact", "FamilyEnrolled", Map.of("family_name", "Okafor", "enrollment_date", "2024-09-01"));
        for (String familyId : List.of("opted-out", "erased", "no-contact")) {
            due(familyId, 450, "2024-10-18");
        }
        deliverAll();
        assertThat(erasures.erase(TENANT, "erased", "request", "admin-1")).isPresent();
        deliverAll();
        clock.set(Instant.parse("2024-10-16T06:00:00Z"));

        job().remind();
        job().remind();

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
