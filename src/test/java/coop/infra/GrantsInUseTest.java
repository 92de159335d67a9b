package coop.infra;

import coop.config.TableNames;
import coop.infra.SamTemplate.Grant;
import coop.testing.TableAccessRecorder;
import coop.testing.TableAccessRecorder.Access;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's DynamoDB grants against what the code really sends: every function runs its paths against moto
 * ({@link FunctionWorkout}) while {@link TableAccessRecorder} notes each (function, table or index, action). moto does
 * not enforce IAM, so without this a missing grant shows only in AWS, as AccessDenied.
 */
@QuarkusTest
@TestProfile(GrantsInUseTest.Recorded.class)
class GrantsInUseTest {

    public static class Recorded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Tables of its own, so that the rebuild and "all parked" see only this test's families. Snapshots every
            // second version and one-item rebuild pages, so that loads store snapshots and segments go on in fresh
            // invocations.
            return Map.ofEntries(
                    Map.entry("quarkus.dynamodb.interceptors",
                            "coop.observability.DynamoDbRequestMetrics,coop.testing.TableAccessRecorder"),
                    Map.entry("quarkus.arc.selected-alternatives", "coop.testing.QueuedSegments"),
                    Map.entry("coop.snapshots.every.Family", "2"),
                    Map.entry("coop.rebuild.page-size", "1"),
                    // The overdue run's retention rule erases every family withdrawn before it.
                    Map.entry("coop.retention.erase-withdrawn-after", "PT0S"),
                    // No key cache: one JVM runs every function here, but each Lambda reads the keys table itself.
                    Map.entry("coop.keys.cache-ttl", "PT0S"),
                    Map.entry("coop.rebuild.pages-per-invocation", "2"),
                    Map.entry("coop.tables.events", "grants-events"),
                    Map.entry("coop.tables.event-ids", "grants-event-ids"),
                    Map.entry("coop.tables.snapshots", "grants-snapshots"),
                    Map.entry("coop.tables.read-models", "grants-read-models"),
                    Map.entry("coop.tables.checkpoints", "grants-checkpoints"));
        }
    }

    /**
     * Grants that no exercised path sends, each for a reason the workout cannot reproduce in order. Lambda's event
     * source mapping reads the stream with the function's own role. An append that races another one for the same
     * ids (a retried or doubled overdue run, two reverts, two stream invocations of one family) reads the stored ids
     * back (BatchGetItem); a trigger whose follow-up a racing invocation stored reads that event by id
     * ({@code FollowUps.isThisFollowUp}). A load stores a snapshot only when the stream's snapshots lag, which the
     * overdue job and a rebuild meet only after the stream fell behind. A follow-up of the stream or a replay creates
     * a family's data key (PutItem on the keys table) only for a family enrolled before personal data was sealed, which
     * has no key yet: every family the workout enrols gets its key with its enrolment. For the same reason the upgrade
     * backfill creates no key and seals no snapshot or row in place: the workout stores nothing in clear. An append
     * whose head's chain hash is not known (a stream written before hash chains, docs/ledger.md) reads it with
     * GetItem; the overdue job's families all carry theirs.
     */
    private static final Set<String> USED_OUTSIDE_THE_WORKOUT = Set.of(
            "processStreamRecord dynamodb:DescribeStream EventsTable/stream",
            "processStreamRecord dynamodb:GetRecords EventsTable/stream",
            "processStreamRecord dynamodb:GetShardIterator EventsTable/stream",
            "processStreamRecord dynamodb:ListStreams *",
            "markOverduePayments dynamodb:BatchGetItem EventIdsTable",
            "revertCorrelation dynamodb:BatchGetItem EventIdsTable",
            "processStreamRecord dynamodb:BatchGetItem EventIdsTable",
            "replayEvents dynamodb:BatchGetItem EventIdsTable",
            "processStreamRecord dynamodb:GetItem EventIdsTable",
            "processStreamRecord dynamodb:GetItem EventsTable",
            "replayEvents dynamodb:GetItem EventIdsTable",
            "replayEvents dynamodb:GetItem EventsTable",
            "markOverduePayments dynamodb:GetItem EventsTable",
            "markOverduePayments dynamodb:PutItem SnapshotsTable",
            "rebuildProjection dynamodb:PutItem SnapshotsTable",
            "processStreamRecord dynamodb:PutItem KeysTable",
            "replayEvents dynamodb:PutItem KeysTable",
            "rebuildProjection dynamodb:PutItem KeysTable",
            "rebuildProjection dynamodb:UpdateItem SnapshotsTable",
            "rebuildProjection dynamodb:UpdateItem ReadModelsTable");

    private static final SamTemplate TEMPLATE = SamTemplate.fromClasspath();
    private static Set<Access> accesses = Set.of();
    private static boolean workedOut;

    @Inject
    FunctionWorkout workout;

    @Inject
    TableNames tables;

    @BeforeEach
    void workOutEveryFunctionOnce() {
        if (!workedOut) {
            workedOut = true;
            workout.run(tables.events());
            accesses = TableAccessRecorder.accesses().stream().map(this::logical).collect(Collectors.toSet());
        }
    }

    @Test
    void every_deployed_function_was_worked_out() {
        assertThat(accesses.stream().map(Access::function).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(TEMPLATE.functionsByExport().keySet());
    }

    @Test
    void every_dynamodb_action_the_code_sends_is_granted_to_its_function() {
        Set<String> missing = new TreeSet<>();
        for (Access access : accesses) {
            if (TEMPLATE.grants(access.function()).stream().noneMatch(grant -> covers(grant, access))) {
                missing.add(access.function() + " lacks " + access.action() + " on " + access.resource());
            }
        }
        assertThat(missing).as("grants the code needs").isEmpty();
    }

    @Test
    void every_dynamodb_grant_is_used_by_a_code_path_or_allowed_for_a_reason() {
        Set<String> unused = new TreeSet<>();
        for (String function : TEMPLATE.functionsByExport().keySet()) {
            for (Grant grant : TEMPLATE.grants(function)) {
                String named = function + " " + grant;
                boolean used = accesses.stream().anyMatch(access -> access.function().equals(function)
                        && covers(grant, access));
                if (grant.action().startsWith("dynamodb:") && !used && !USED_OUTSIDE_THE_WORKOUT.contains(named)) {
                    unused.add(named);
                }
            }
        }
        assertThat(unused).as("grants no exercised path uses").isEmpty();
    }

    @Test
    void every_allowed_unused_grant_is_granted_and_still_unreached() {
        Set<String> granted = TEMPLATE.functionsByExport().keySet().stream()
                .flatMap(function -> TEMPLATE.grants(function).stream().map(grant -> function + " " + grant))
                .collect(Collectors.toSet());
        Set<String> reached = accesses.stream()
                .map(access -> access.function() + " " + new Grant(access.action(), access.resource()))
                .collect(Collectors.toSet());
        assertThat(USED_OUTSIDE_THE_WORKOUT).as("allowed grants the template names").isSubsetOf(granted)
                .as("allowed grants the workout now reaches: drop them from the list").doesNotContainAnyElementsOf(reached);
    }

    private static boolean covers(Grant grant, Access access) {
        if (!grant.action().equals(access.action())) {
            return false;
        }
        String resource = grant.resource();
        return resource.equals(access.resource())
                || resource.endsWith("/*") && access.resource().startsWith(resource.substring(0, resource.length() - 1));
    }

    /** The access with the table's configured name replaced by its logical id, as the template's grants name it. */
    private Access logical(Access access) {
        String resource = access.resource();
        for (Map.Entry<String, String> table : tablesByName().entrySet()) {
            if (resource.equals(table.getKey()) || resource.startsWith(table.getKey() + "/")) {
                resource = table.getValue() + resource.substring(table.getKey().length());
            }
        }
        return new Access(access.function(), resource, access.action());
    }

    /** Configured table name to logical id, through the template's {@code COOP_TABLES_*} environment variables. */
    private static Map<String, String> tablesByName() {
        Map<String, String> byName = new java.util.HashMap<>();
        TEMPLATE.globalFunction().path("Environment").path("Variables").properties().forEach(variable -> {
            if (variable.getKey().startsWith("COOP_TABLES_")) {
                String key = "coop.tables." + variable.getKey().substring("COOP_TABLES_".length()).toLowerCase()
                        .replace('_', '-');
                byName.put(ConfigProvider.getConfig().getValue(key, String.class), variable.getValue().asText());
            }
        });
        return byName;
    }
}
