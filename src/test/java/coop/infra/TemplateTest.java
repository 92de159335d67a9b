package coop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import coop.infra.SamTemplate.Grant;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment template against what the code and API.md expect: the functions Funqy exports, the routes, the
 * stream mapping's failure handling, least-privilege roles and alarms. The tables themselves are checked by every
 * store test, which creates them from this same template.
 */
class TemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.fromClasspath();

    private static final List<String> FUNCTIONS = List.of("appendEvents", "revertCorrelation", "loadAggregate",
            "queryEvents", "readModels", "processStreamRecord", "markOverduePayments", "rebuildProjection", "replayEvents");

    /** Every route of API.md (except the local-only /health) and the function that serves it. */
    private static final Map<String, String> API_ROUTES = Map.ofEntries(
            Map.entry("POST /aggregates/{aggregate_type}/{aggregate_id}/events", "appendEvents"),
            Map.entry("GET /aggregates/{aggregate_type}/{aggregate_id}", "loadAggregate"),
            Map.entry("POST /aggregates/{aggregate_type}/{aggregate_id}/simulate", "loadAggregate"),
            Map.entry("GET /aggregates/{aggregate_type}/{aggregate_id}/events", "queryEvents"),
            Map.entry("GET /aggregates/{aggregate_type}/{aggregate_id}/explain", "queryEvents"),
            Map.entry("GET /aggregates/{aggregate_type}/{aggregate_id}/verification", "queryEvents"),
            Map.entry("GET /events", "queryEvents"),
            Map.entry("GET /events/{event_id}", "queryEvents"),
            Map.entry("POST /correlations/{correlation_id}/revert", "revertCorrelation"),
            Map.entry("POST /aggregates/{aggregate_type}/{aggregate_id}/erasure", "revertCorrelation"),
            Map.entry("GET /families/{family_id}/summary", "readModels"),
            Map.entry("GET /families", "readModels"),
            Map.entry("GET /projections", "readModels"),
            Map.entry("POST /projections/{projection_name}/rebuild", "readModels"),
            Map.entry("GET /notifications", "readModels"),
            Map.entry("POST /ledger/digests", "readModels"),
            Map.entry("GET /ledger/digests", "readModels"),
            Map.entry("GET /ledger/digests/{digest_id}", "readModels"));

    /** Rebuild segments run in asynchronous invocations of this function's alias, and nothing else is invoked. */
    private static final String REBUILD_FUNCTION = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:"
            + "function:${AWS::StackName}-rebuildProjection:live";

    /** The subscribers tell families through SES, from the one configured identity and nothing else. */
    private static final Set<Grant> SEND_NOTICES = on(
            "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${NotificationsFromAddress}",
            "ses:SendEmail");

    /** Appends that may carry a family's first personal data wrap its new data key with KMS. */
    private static final Set<Grant> DATA_KEYS_WRITE = on("DataKeysKey", "kms:Decrypt", "kms:GenerateDataKey");

    /**
     * Readers of events, snapshots and sealed rows open personal values with the family's key, unwrapped by KMS.
     */
    private static final Set<Grant> DATA_KEYS_READ = on("DataKeysKey", "kms:Decrypt");

    /**
     * What each function may do besides writing its own logs and using DynamoDB; anything more or less fails. The
     * DynamoDB grants (the keys table's included) are derived from what the code sends, in {@link GrantsInUseTest}.
     */
    private static final Map<String, Set<Grant>> EXPECTED_GRANTS = Map.of(
            "appendEvents", DATA_KEYS_WRITE,
            "revertCorrelation", DATA_KEYS_WRITE,
            "loadAggregate", DATA_KEYS_READ,
            "queryEvents", DATA_KEYS_READ,
            "readModels", grants(DATA_KEYS_READ, on(REBUILD_FUNCTION, "lambda:InvokeFunction"),
                    on("DigestsBucket/*", "s3:PutObject")),
            // The upgrade backfill gives a family whose personal values an earlier release stored in clear its key.
            "rebuildProjection", grants(DATA_KEYS_WRITE, on(REBUILD_FUNCTION, "lambda:InvokeFunction")),
            "processStreamRecord", grants(
                    DATA_KEYS_WRITE,
                    on("FeedBus", "events:PutEvents"),
                    on("StreamDeadLetterQueue", "sqs:SendMessage"),
                    SEND_NOTICES),
            "replayEvents", grants(DATA_KEYS_WRITE, on("FeedBus", "events:PutEvents"), SEND_NOTICES),
            // The reminders of dues falling due are sent from the one identity too; the day's digest is locked in S3.
            "markOverduePayments", grants(DATA_KEYS_READ, SEND_NOTICES, on("DigestsBucket/*", "s3:PutObject")));

    @Test
    void every_funqy_function_is_deployed_and_exports_its_own_name() {
        assertThat(TEMPLATE.functionsByExport().keySet()).containsExactlyInAnyOrderElementsOf(FUNCTIONS);
    }

    @Test
    void every_api_route_reaches_its_function() {
        assertThat(TEMPLATE.routes()).isEqualTo(API_ROUTES);
    }

    @Test
    void routes_sit_behind_the_jwt_authorizer_with_configurable_issuer_and_audience() {
        JsonNode api = TEMPLATE.resource("HttpApi");
        assertThat(api.path("Type").asText()).isEqualTo("AWS::Serverless::HttpApi");
        JsonNode auth = api.path("Properties").path("Auth");
        String authorizer = auth.path("DefaultAuthorizer").asText();
        JsonNode jwt = auth.path("Authorizers").path(authorizer).path("JwtConfiguration");
        assertThat(jwt.path("issuer").asText()).isEqualTo("JwtIssuer");
        assertThat(jwt.path("audience").asText()).isEqualTo("JwtAudience");
        assertThat(TEMPLATE.parameter("JwtIssuer").isMissingNode()).isFalse();
        assertThat(TEMPLATE.parameter("JwtAudience").isMissingNode()).isFalse();
        for (String function : FUNCTIONS) {
            for (JsonNode route : TEMPLATE.events(function, "HttpApi")) {
                assertThat(route.path("ApiId").asText()).as(function).isEqualTo("HttpApi");
                assertThat(route.path("Auth").path("Authorizer").asText("JwtAuthorizer")).as(function)
                        .isEqualTo("JwtAuthorizer");
            }
        }
    }

    @Test
    void runtime_parameter_switches_between_the_jvm_and_the_native_artifact() {
        assertThat(TEMPLATE.parameter("Runtime").path("AllowedValues")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("java21", "provided.al2023");
        JsonNode globals = TEMPLATE.globalFunction();
        assertThat(globals.path("Runtime").asText()).isEqualTo("Runtime");
        assertThat(globals.path("CodeUri").asText()).isEqualTo("../target/function.zip");
        assertThat(globals.path("Handler")).extracting(JsonNode::asText).containsExactly("IsNative",
                "not.used.in.provided.runtime", "coop.functions.RequestIdStreamHandler::handleRequest");
        for (String function : FUNCTIONS) {
            JsonNode properties = TEMPLATE.function(function);
            assertThat(properties.has("Runtime") || properties.has("Handler") || properties.has("CodeUri"))
                    .as(function + " must not override the runtime switch").isFalse();
        }
    }

    @Test
    void functions_get_table_names_bus_and_claim_names_from_the_environment() {
        JsonNode variables = TEMPLATE.globalFunction().path("Environment").path("Variables");
        assertThat(variables.path("COOP_TABLES_EVENTS").asText()).isEqualTo("EventsTable");
        assertThat(variables.path("COOP_TABLES_EVENT_IDS").asText()).isEqualTo("EventIdsTable");
        assertThat(variables.path("COOP_TABLES_SNAPSHOTS").asText()).isEqualTo("SnapshotsTable");
        assertThat(variables.path("COOP_TABLES_READ_MODELS").asText()).isEqualTo("ReadModelsTable");
        assertThat(variables.path("COOP_TABLES_CHECKPOINTS").asText()).isEqualTo("CheckpointsTable");
        assertThat(variables.path("COOP_EVENT_BUS_NAME").asText()).isEqualTo("FeedBus");
        assertThat(variables.path("COOP_AUTH_CLAIMS_TENANT").asText()).isEqualTo("TenantClaim");
        assertThat(variables.path("COOP_AUTH_CLAIMS_ROLES").asText()).isEqualTo("RolesClaim");
        assertThat(variables.path("COOP_AUTH_CLAIMS_FAMILY").asText()).isEqualTo("FamilyClaim");
        assertThat(TEMPLATE.parameter("TenantClaim").path("Default").asText()).isEqualTo("tenant_id");
        assertThat(TEMPLATE.parameter("RolesClaim").path("Default").asText()).isEqualTo("roles");
        assertThat(TEMPLATE.parameter("FamilyClaim").path("Default").asText()).isEqualTo("family_id");
        assertThat(TEMPLATE.resource("FeedBus").path("Type").asText()).isEqualTo("AWS::Events::EventBus");
        assertThat(variables.path("COOP_TABLES_KEYS").asText()).isEqualTo("KeysTable");
        assertThat(variables.path("COOP_KEYS_KMS_KEY_ID").asText()).isEqualTo("DataKeysKey.Arn");
    }

    @Test
    void data_keys_are_wrapped_by_a_rotating_kms_key_and_kept_restorable_for_a_stated_time() {
        JsonNode key = TEMPLATE.resource("DataKeysKey");
        assertThat(key.path("Type").asText()).isEqualTo("AWS::KMS::Key");
        assertThat(key.path("Properties").path("EnableKeyRotation").asBoolean()).isTrue();
        JsonNode recovery = TEMPLATE.resource("KeysTable").path("Properties").path("PointInTimeRecoverySpecification");
        assertThat(recovery.path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
        // The README states this as the time after which an erasure is complete; change both together.
        assertThat(recovery.path("RecoveryPeriodInDays").asInt()).isEqualTo(7);
    }

    @Test
    void a_poison_stream_record_is_retried_boundedly_and_then_parked_in_a_queue() {
        List<JsonNode> streams = TEMPLATE.events("processStreamRecord", "DynamoDB");
        assertThat(streams).hasSize(1);
        JsonNode stream = streams.get(0);
        assertThat(stream.path("Stream").asText()).isEqualTo("EventsTable.StreamArn");
        assertThat(stream.path("StartingPosition").asText()).isEqualTo("TRIM_HORIZON");
        assertThat(stream.path("FunctionResponseTypes")).extracting(JsonNode::asText)
                .containsExactly("ReportBatchItemFailures");
        assertThat(stream.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        // -1 (the default) means "until the record expires", i.e. a blocked shard for up to 24 hours.
        assertThat(stream.path("MaximumRetryAttempts").asInt(-1)).isBetween(0, 100);
        assertThat(stream.path("MaximumRecordAgeInSeconds").asInt(-1)).isBetween(60, 86_400);
        JsonNode onFailure = stream.path("DestinationConfig").path("OnFailure");
        String queue = onFailure.path("Destination").asText().replaceFirst("\\.Arn$", "");
        assertThat(TEMPLATE.resource(queue).path("Type").asText()).as("on-failure destination")
                .isEqualTo("AWS::SQS::Queue");
        for (String other : FUNCTIONS) {
            if (!other.equals("processStreamRecord")) {
                assertThat(TEMPLATE.events(other, "DynamoDB")).as(other).isEmpty();
            }
        }
    }

    @Test
    void overdue_payments_are_marked_on_a_schedule() {
        List<JsonNode> schedules = TEMPLATE.events("markOverduePayments", "Schedule");
        assertThat(schedules).hasSize(1);
        assertThat(schedules.get(0).path("Schedule").asText()).matches("rate\\(.+\\)|cron\\(.+\\)");
    }

    @Test
    void each_function_may_invoke_publish_and_queue_only_what_it_uses() {
        for (String function : FUNCTIONS) {
            Set<Grant> beyondLogs = TEMPLATE.grants(function).stream()
                    .filter(grant -> !grant.action().startsWith("logs:") && !grant.action().startsWith("dynamodb:"))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            assertThat(beyondLogs).as(function).containsExactlyInAnyOrderElementsOf(EXPECTED_GRANTS.get(function));
        }
    }

    @Test
    void readers_cannot_write_where_they_only_read() {
        assertThat(TEMPLATE.grants("loadAggregate")).noneMatch(grant -> grant.resource().startsWith("ReadModelsTable"))
                .noneMatch(grant -> grant.resource().equals("EventsTable") && isWrite(grant));
        assertThat(TEMPLATE.grants("readModels")).noneMatch(grant -> grant.resource().equals("EventsTable")
                && isWrite(grant));
        assertThat(TEMPLATE.grants("queryEvents")).filteredOn(grant -> !grant.action().startsWith("logs:"))
                .noneMatch(this::isWrite);
        for (String function : FUNCTIONS) {
            assertThat(TEMPLATE.grants(function)).as(function)
                    .noneMatch(grant -> grant.action().endsWith(":*"))
                    .noneMatch(grant -> grant.resource().equals("*") && !grant.action().equals("dynamodb:ListStreams"))
                    .noneMatch(grant -> grant.action().equals("events:PutEvents")
                            && !List.of("processStreamRecord", "replayEvents").contains(function));
        }
    }

    @Test
    void each_function_writes_logs_only_to_its_own_log_group() {
        Set<String> logGroups = new LinkedHashSet<>();
        for (String function : FUNCTIONS) {
            String logGroup = TEMPLATE.function(function).path("LoggingConfig").path("LogGroup").asText();
            assertThat(TEMPLATE.resource(logGroup).path("Type").asText()).as(function)
                    .isEqualTo("AWS::Logs::LogGroup");
            assertThat(TEMPLATE.grants(function)).as(function)
                    .filteredOn(grant -> grant.action().startsWith("logs:"))
                    .extracting(Grant::resource).containsOnly(logGroup);
            logGroups.add(logGroup);
        }
        assertThat(logGroups).hasSameSizeAs(FUNCTIONS);
    }

    @Test
    void every_table_is_encrypted_and_protected_against_deletion() {
        for (String table : TEMPLATE.resourcesOfType("AWS::DynamoDB::Table")) {
            JsonNode resource = TEMPLATE.resource(table);
            assertThat(resource.path("DeletionPolicy").asText()).as(table).isEqualTo("Retain");
            JsonNode properties = resource.path("Properties");
            assertThat(properties.path("DeletionProtectionEnabled").asBoolean()).as(table).isTrue();
            assertThat(properties.path("SSESpecification").path("SSEEnabled").asBoolean()).as(table).isTrue();
            assertThat(properties.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled")
                    .asBoolean()).as(table).isTrue();
        }
    }

    @Test
    void outputs_name_the_api_url_and_every_table() {
        assertThat(TEMPLATE.output("ApiUrl")).contains("${HttpApi}.execute-api");
        for (String table : TEMPLATE.resourcesOfType("AWS::DynamoDB::Table")) {
            assertThat(TEMPLATE.output(table + "Name")).isEqualTo(table);
        }
    }

    @Test
    void the_console_is_a_private_bucket_behind_cloudfront_and_the_only_browser_origin_besides_the_portal() {
        JsonNode bucket = TEMPLATE.resource("ConsoleBucket").path("Properties");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(setting).asBoolean()).as(setting).isTrue();
        }
        assertThat(TEMPLATE.resource("ConsoleOriginAccessControl").path("Properties").path("OriginAccessControlConfig")
                .path("SigningBehavior").asText()).isEqualTo("always");
        JsonNode distribution = TEMPLATE.resource("ConsoleDistribution").path("Properties").path("DistributionConfig");
        JsonNode origin = distribution.path("Origins").get(0);
        assertThat(origin.path("DomainName").asText()).isEqualTo("ConsoleBucket.RegionalDomainName");
        assertThat(origin.path("OriginAccessControlId").asText()).isEqualTo("ConsoleOriginAccessControl.Id");
        assertThat(distribution.path("DefaultCacheBehavior").path("ViewerProtocolPolicy").asText())
                .isEqualTo("redirect-to-https");

        JsonNode statements = TEMPLATE.resource("ConsoleBucketPolicy").path("Properties").path("PolicyDocument")
                .path("Statement");
        assertThat(statements).hasSize(1);
        JsonNode read = statements.get(0);
        assertThat(read.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.path("Action").asText()).isEqualTo("s3:GetObject");
        assertThat(read.path("Condition").path("StringEquals").path("AWS:SourceArn").asText())
                .endsWith(":distribution/${ConsoleDistribution}");

        // SAM turns an !If inside CorsConfiguration into a broken x-amazon-apigateway-cors, so the !If is around it.
        JsonNode cors = TEMPLATE.resource("HttpApi").path("Properties").path("CorsConfiguration");
        String console = "https://${ConsoleDistribution.DomainName}";
        assertThat(cors.get(0).asText()).isEqualTo("HasCors");
        assertThat(cors.get(1).path("AllowOrigins")).extracting(JsonNode::asText)
                .containsExactly(console, "CorsAllowedOrigin");
        assertThat(cors.get(2).path("AllowOrigins")).extracting(JsonNode::asText).containsExactly(console);
        assertThat(cors.get(1).path("AllowHeaders")).isEqualTo(cors.get(2).path("AllowHeaders"));
        assertThat(TEMPLATE.output("ConsoleUrl")).isEqualTo(console + "/");
    }

    private boolean isWrite(Grant grant) {
        return !Set.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Scan",
                "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams",
                "dynamodb:DescribeTable", "kms:Decrypt")
                .contains(grant.action());
    }

    private static Set<Grant> on(String resource, String... actions) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (String action : actions) {
            grants.add(new Grant(action, resource));
        }
        return grants;
    }

    @SafeVarargs
    private static Set<Grant> grants(Set<Grant>... groups) {
        Set<Grant> all = new LinkedHashSet<>();
        for (Set<Grant> group : groups) {
            all.addAll(group);
        }
        return all;
    }
}
