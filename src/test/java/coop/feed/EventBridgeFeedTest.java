package coop.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.app.AggregateTypes;
import coop.app.Envelopes;
import coop.app.EventCodec;
import coop.app.Json;
import coop.domain.family.Family;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.stream.EventFeed;
import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed on moto's EventBridge: a rule routes the bus to an SQS queue, and the test reads the envelope there. */
class EventBridgeFeedTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String bus = "coop-events-" + suffix;
    private final String rule = "all-coop-events-" + suffix;
    private final RequestCounter requests = new RequestCounter();
    private EventBridgeClient eventBridge;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void busRoutedToQueue() {
        URI endpoint = URI.create(TestDynamo.endpoint());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        eventBridge = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(config -> config.addExecutionInterceptor(requests)).build();
        sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        eventBridge.createEventBus(r -> r.name(bus));
        queueUrl = sqs.createQueue(r -> r.queueName("feed-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(rule).eventBusName(bus).eventPattern("{\"source\":[\"coop.events\"]}"));
        eventBridge.putTargets(r -> r.rule(rule).eventBusName(bus).targets(t -> t.id("queue").arn(queueArn)));
    }

    @AfterEach
    void removeBus() {
        if (eventBridge == null) {
            return; // the backend aborted the test before anything was created (LocalStack without Docker)
        }
        eventBridge.removeTargets(r -> r.rule(rule).eventBusName(bus).ids("queue"));
        eventBridge.deleteRule(r -> r.name(rule).eventBusName(bus));
        eventBridge.deleteEventBus(r -> r.name(bus));
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        eventBridge.close();
        sqs.close();
    }

    @Test
    void the_feed_publishes_the_event_envelope_upcast_with_the_event_type_as_detail_type() throws Exception {
        ObjectMapper json = Json.mapper();
        EventFeed feed = new EventFeed(new EventBridgeFeedPublisher(eventBridge, bus, "coop.events", json),
                new Envelopes(new AggregateTypes(List.of(Family.INSTANCE)), new EventCodec(json)), true);
        RecordedEvent event = new RecordedEvent("e-" + suffix, "PaymentReceived", 1,
                new StreamId("coop-north", Family.NAME, "chen"), 5, "{\"amount\":450,\"date\":\"2024-10-20\"}",
                Instant.parse("2024-10-20T10:15:30.123456Z"), "coordinator-1", "corr-1", Optional.of("cause-1"));

        assertThat(feed.handle(List.of(event), null)).isEmpty();

        JsonNode message = json.readTree(receiveOne().body());
        assertThat(message.path("source").asText()).isEqualTo("coop.events");
        assertThat(message.path("detail-type").asText()).isEqualTo("PaymentReceived");
        JsonNode detail = message.path("detail");
        assertThat(detail.path("event_id").asText()).isEqualTo(event.eventId());
        assertThat(detail.path("event_type").asText()).isEqualTo("PaymentReceived");
        assertThat(detail.path("event_version").asInt()).isEqualTo(2);
        assertThat(detail.path("event_data").path("payment_method").asText()).isEqualTo("unknown");
        assertThat(detail.path("event_data").path("amount").asInt()).isEqualTo(450);
        assertThat(detail.path("tenant_id").asText()).isEqualTo("coop-north");
        assertThat(detail.path("aggregate_id").asText()).isEqualTo("chen");
        assertThat(detail.path("aggregate_type").asText()).isEqualTo("Family");
        assertThat(detail.path("aggregate_version").asLong()).isEqualTo(5);
        assertThat(Instant.parse(detail.path("event_timestamp").asText())).isEqualTo(event.timestamp());
        assertThat(detail.path("user_id").asText()).isEqualTo("coordinator-1");
        assertThat(detail.path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(detail.path("causation_id").asText()).isEqualTo("cause-1");
    }

    @Test
    void the_feed_carries_no_personal_fields_only_who_when_and_the_rest() throws Exception {
        ObjectMapper json = Json.mapper();
        EventFeed feed = new EventFeed(new EventBridgeFeedPublisher(eventBridge, bus, "coop.events", json),
                new Envelopes(new AggregateTypes(List.of(Family.INSTANCE)), new EventCodec(json)), true);
        RecordedEvent event = new RecordedEvent("e-" + suffix, "FamilyEnrolled", 1,
                new StreamId("coop-north", Family.NAME, "chen"), 1,
                "{\"enrollment_date\":\"2024-09-01\",\"family_name\":\"Zyxwandersnatch\",\"parent_name\":\"Pat\"}",
                Instant.parse("2024-09-01T10:15:30Z"), "coordinator-1", "corr-1", Optional.empty());

        assertThat(feed.handle(List.of(event), null)).isEmpty();

        String body = receiveOne().body();
        assertThat(body).doesNotContain("Zyxwandersnatch").doesNotContain("Pat");
        JsonNode data = json.readTree(body).path("detail").path("event_data");
        assertThat(data.has("family_name")).isFalse();
        assertThat(data.has("parent_name")).isFalse();
        assertThat(data.path("enrollment_date").asText()).isEqualTo("2024-09-01");
        assertThat(json.readTree(body).path("detail").path("user_id").asText()).isEqualTo("coordinator-1");
    }

    @Test
    void a_batch_of_25_envelopes_goes_out_in_three_put_events_requests() {
        ObjectMapper json = Json.mapper();
        EventFeed feed = new EventFeed(new EventBridgeFeedPublisher(eventBridge, bus, "coop.events", json),
                new Envelopes(new AggregateTypes(List.of(Family.INSTANCE)), new EventCodec(json)), true);
        List<RecordedEvent> batch = new ArrayList<>();
        for (int version = 1; version <= 25; version++) {
            batch.add(new RecordedEvent("e-" + suffix + "-" + version, "EngagementScoreUpdated", 1,
                    new StreamId("coop-north", Family.NAME, "chen"), version, "{\"new_score\":" + version + "}",
                    Instant.parse("2024-10-20T10:15:30Z"), "coordinator-1", "corr-1", Optional.empty()));
        }
        requests.reset();

        assertThat(feed.handle(batch, null)).isEmpty();

        assertThat(requests.operations()).containsExactly("PutEvents", "PutEvents", "PutEvents");
        List<Message> messages = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (messages.size() < 25 && Instant.now().isBefore(deadline)) {
            messages.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages());
        }
        assertThat(messages).hasSize(25);
    }

    private Message receiveOne() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<Message> messages = new ArrayList<>();
        while (messages.isEmpty() && Instant.now().isBefore(deadline)) {
            messages.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages());
        }
        assertThat(messages).as("envelopes routed to the queue").hasSize(1);
        return messages.getFirst();
    }
}
