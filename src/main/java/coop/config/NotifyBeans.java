package coop.config;

import coop.app.AggregateRepository;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.notify.NoticeSender;
import coop.notify.NoticeSettings;
import coop.notify.SesMailer;
import coop.observability.Metrics;
import coop.schedule.PaymentReminders;
import coop.store.NoticeStore;
import coop.store.ReadModelStore;
import coop.store.dynamodb.DynamoDbNotices;
import coop.stream.FamilyNotices;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;

/**
 * Wires the notices to families: the SES client, the notices table, the sender, its stream subscriber and the
 * scheduled job's reminders.
 */
public class NotifyBeans {

    @Produces
    @Singleton
    SesV2Client ses(NotificationSettings settings) {
        var builder = SesV2Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(config -> config.apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout()));
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get())));
        }
        return builder.build();
    }

    void closeSes(@Disposes SesV2Client client) {
        client.close();
    }

    @Produces
    @Singleton
    NoticeStore notices(DynamoDbClient dynamo, TableNames tables) {
        return new DynamoDbNotices(dynamo, tables.notices());
    }

    @Produces
    @Singleton
    NoticeSender noticeSender(NoticeStore notices, SesV2Client ses, EventService events, EventCodec codec,
                              Metrics metrics, NotificationSettings settings, Clock clock) {
        NoticeSettings sending = new NoticeSettings(settings.lease(), settings.apiCallTimeout(),
                settings.maxAttempts(), settings.maxEventAge());
        return new NoticeSender(notices, new SesMailer(ses, settings.fromAddress()), events, codec, metrics, sending,
                clock);
    }

    @Produces
    @Singleton
    FamilyNotices familyNotices(NoticeSender sender, EventCodec codec, Metrics metrics,
                                NotificationSettings settings, StreamSettings stream, Clock clock) {
        return new FamilyNotices(stream.active(FamilyNotices.NAME), sender, codec, metrics,
                tenant -> settings.coopName().orElse(tenant), settings.maxEventAge(), clock);
    }

    @Produces
    @Singleton
    PaymentReminders paymentReminders(ReadModelStore rows, AggregateRepository aggregates, NoticeSender sender,
                                      NotificationSettings settings, Clock clock) {
        return new PaymentReminders(rows, aggregates, sender, tenant -> settings.coopName().orElse(tenant),
                settings.reminderDaysBefore(), clock);
    }
}
