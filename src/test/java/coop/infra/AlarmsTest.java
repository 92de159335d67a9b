package coop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alarms, tracing and metrics wiring of the template: each alarm watches a metric that the failure it names
 * moves (an HTTP 500 is a successful Lambda invocation, a failed stream record a successful batch), and the
 * application's metrics namespace is the one the functions write to.
 */
class AlarmsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.fromClasspath();
    /** Every table of the template: a table added without its alarms fails here. */
    private static final List<String> TABLES = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table");

    /** One watched metric: namespace/name, its dimensions as "Name=Value", and the alarm's statistic. */
    record Watched(String alarm, String metric, List<String> dimensions, String statistic) {
    }

    private static List<Watched> watched() {
        List<Watched> all = new ArrayList<>();
        for (String id : TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode alarm = TEMPLATE.resource(id).path("Properties");
            if (alarm.has("Metrics")) {
                alarm.path("Metrics").forEach(query -> {
                    JsonNode metric = query.path("MetricStat").path("Metric");
                    if (!metric.isMissingNode()) {
                        all.add(watched(id, metric, query.path("MetricStat").path("Stat").asText()));
                    }
                });
            } else {
                all.add(watched(id, alarm, alarm.path("ExtendedStatistic").asText(alarm.path("Statistic").asText())));
            }
        }
        return all;
    }

    private static Watched watched(String id, JsonNode metric, String statistic) {
        List<String> dimensions = new ArrayList<>();
        metric.path("Dimensions").forEach(d -> dimensions.add(d.path("Name").asText() + "="
                + d.path("Value").asText().replaceFirst("\\.QueueName$", "")));
        return new Watched(id, metric.path("Namespace").asText() + "/" + metric.path("MetricName").asText(),
                dimensions, statistic);
    }

    private static List<Watched> on(String metric) {
        return watched().stream().filter(w -> w.metric().equals(metric)).toList();
    }

    @Test
    void the_http_apis_5xx_rate_and_p99_latency_are_watched() {
        assertThat(on("AWS/ApiGateway/5xx")).extracting(Watched::dimensions, Watched::statistic)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("ApiId=HttpApi"), "Average"));
        assertThat(on("AWS/ApiGateway/Latency")).extracting(Watched::dimensions, Watched::statistic)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("ApiId=HttpApi"), "p99"));
    }

    @Test
    void the_applications_own_5xx_and_subscriber_failures_are_watched_in_the_namespace_the_functions_write() {
        String namespace = TEMPLATE.globalFunction().path("Environment").path("Variables")
                .path("COOP_METRICS_NAMESPACE").asText();
        assertThat(namespace).isEqualTo("Coop/${AWS::StackName}");
        for (String metric : List.of("ServerErrors", "SubscriberFailures", "SnapshotWriteFailures", "ParkedEvents")) {
            assertThat(on(namespace + "/" + metric)).as(metric).singleElement()
                    .satisfies(w -> assertThat(w.dimensions()).as("the total over every route/subscriber").isEmpty())
                    .satisfies(w -> assertThat(w.statistic()).isEqualTo("Sum"));
        }
    }

    @Test
    void the_stream_its_failure_queue_and_deliveries_to_it_are_watched() {
        String stream = TEMPLATE.functionsByExport().get("processStreamRecord");
        String queue = TEMPLATE.events("processStreamRecord", "DynamoDB").get(0).path("DestinationConfig")
                .path("OnFailure").path("Destination").asText().replaceFirst("\\.Arn$", "");
        assertThat(on("AWS/Lambda/IteratorAge")).extracting(Watched::dimensions)
                .containsExactly(List.of("FunctionName=" + stream));
        assertThat(on("AWS/Lambda/DestinationDeliveryFailures")).extracting(Watched::dimensions)
                .containsExactly(List.of("FunctionName=" + stream));
        assertThat(on("AWS/SQS/ApproximateNumberOfMessagesVisible")).extracting(Watched::dimensions)
                .containsExactly(List.of("QueueName=" + queue));
    }

    @Test
    void every_table_has_a_throttle_alarm_and_a_system_error_alarm_over_the_operations_it_serves() {
        for (String table : TABLES) {
            assertThat(on("AWS/DynamoDB/ReadThrottleEvents")).as(table)
                    .anyMatch(w -> w.dimensions().equals(List.of("TableName=" + table)));
            assertThat(on("AWS/DynamoDB/WriteThrottleEvents")).as(table)
                    .anyMatch(w -> w.dimensions().equals(List.of("TableName=" + table)));
            List<Watched> systemErrors = on("AWS/DynamoDB/SystemErrors").stream()
                    .filter(w -> w.dimensions().contains("TableName=" + table)).toList();
            assertThat(systemErrors).as(table).isNotEmpty()
                    .allMatch(w -> w.dimensions().stream().anyMatch(d -> d.startsWith("Operation=")))
                    .extracting(Watched::alarm).containsOnly(systemErrors.get(0).alarm());
        }
        assertThat(on("AWS/DynamoDB/SystemErrors")).extracting(Watched::dimensions)
                .contains(List.of("TableName=EventsTable", "Operation=TransactWriteItems"),
                        List.of("TableName=EventsTable", "Operation=PutItem"));
    }

    @Test
    void no_alarm_waits_for_lambda_errors_that_an_http_failure_never_raises() {
        Map<String, String> functions = TEMPLATE.functionsByExport();
        for (String export : List.of("appendEvents", "loadAggregate", "queryEvents", "revertCorrelation",
                "readModels")) {
            assertThat(watched()).as(export).noneMatch(w -> w.metric().startsWith("AWS/Lambda/")
                    && w.dimensions().contains("FunctionName=" + functions.get(export)));
        }
    }

    @Test
    void every_alarm_reaches_the_topic_when_one_is_given_and_ignores_missing_data() {
        for (String id : TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode alarm = TEMPLATE.resource(id).path("Properties");
            assertThat(alarm.path("AlarmActions").toString()).as(id).contains("HasAlarmTopic", "AlarmTopicArn");
            assertThat(alarm.path("TreatMissingData").asText()).as(id).isEqualTo("notBreaching");
        }
    }

    @Test
    void every_function_is_traced_and_may_write_its_traces() {
        assertThat(TEMPLATE.globalFunction().path("Tracing").asText()).isEqualTo("Active");
        for (String export : TEMPLATE.functionsByExport().keySet()) {
            String role = TEMPLATE.function(export).path("Role").asText().replaceFirst("\\.Arn$", "");
            assertThat(TEMPLATE.resource(role).path("Properties").path("ManagedPolicyArns").toString()).as(export)
                    .contains("AWSXrayWriteOnlyAccess");
            assertThat(TEMPLATE.function(export).has("Tracing")).as(export + " must not turn tracing off").isFalse();
        }
    }
}
