package coop.stream;

import coop.notify.NoticeSender;
import coop.notify.NoticeSettings;
import coop.notify.SesMailer;
import coop.observability.Metrics;
import coop.store.Notice;
import coop.store.NoticeStore;
import coop.store.dynamodb.DynamoDbNotices;
import coop.testing.TestSes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that refuses: moto's SES v2 rejects a message from an identity nobody verified, as SES does. The notice
 * is retried on each delivery, then given up as failed and counted, and nothing is recorded in the history.
 */
class NoticeSendFailuresTest extends SealedStreamTest {

    private static final NoticeSettings SETTINGS = new NoticeSettings(Duration.ofSeconds(10), Duration.ofSeconds(3), 3,
            Duration.ofDays(2));

    private final List<String> metricLines = new CopyOnWriteArrayList<>();
    private SesV2Client ses;
    private NoticeStore notices;

    @Override
    List<Subscriber> subscribers() {
        if (ses == null) {
            ses = TestSes.client();
            notices = new DynamoDbNotices(dynamo, tables.name("NoticesTable"));
        }
        Metrics metrics = new Metrics("test", metricLines::add);
        SesMailer unverified = new SesMailer(ses, "nobody-verified-" + UUID.randomUUID() + "@example.org");
        List<Subscriber> all = new ArrayList<>(super.subscribers());
        all.add(new FamilyNotices(true, new NoticeSender(notices, unverified, events, codec, metrics, SETTINGS, clock),
                codec, metrics, tenant -> "North Co-op", SETTINGS.maxEventAge(), clock));
        return all;
    }

    @AfterEach
    void closeSes() {
        ses.close();
    }

    @Test
    void a_refused_send_is_retried_then_failed_counted_and_never_recorded() {
        String email = "family-" + UUID.randomUUID() + "@example.org";
        append("refused", "FamilyEnrolled", Map.of("family_name", "Chen Family", "enrollment_date", "2024-09-01",
                "email", email));
        received("refused", 450, "2024-10-20");
        var records = newRecords();

        assertThat(deliver(records)).as("attempt 1").hasSize(1);
        assertThat(deliver(records)).as("attempt 2").hasSize(1);
        assertThat(deliver(records)).as("attempt 3: given up, the batch goes on").isEmpty();
        assertThat(deliver(records)).as("decided: nothing more").isEmpty();

        assertThat(TestSes.messagesTo(email)).isEmpty();
        assertThat(ofType("refused", "NotificationSent")).isEmpty();
        assertThat(notices.recent(TENANT, 10)).singleElement().satisfies(notice -> {
            assertThat(notice.status()).isEqualTo(Notice.Status.FAILED);
            assertThat(notice.attempts()).isEqualTo(3);
            assertThat(notice.reason()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("send_failed:").doesNotContain(email));
        });
        assertThat(metricLines.stream().filter(line -> line.contains("NoticeSendFailures")).toList()).hasSize(1);
    }
}
