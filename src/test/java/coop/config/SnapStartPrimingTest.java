package coop.config;

import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import coop.testing.TestTables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The SnapStart hook (run by Lambda before it takes the snapshot; this JDK has no CRaC, so the tests call it) primes
 * the SDK with one real request, and a refusal never stops the snapshot: a function's role may not allow the query.
 */
class SnapStartPrimingTest {

    private final RequestCounter requests = new RequestCounter();
    private final DynamoDbClient dynamo = TestDynamo.client(requests);

    @Test
    void before_the_snapshot_it_sends_one_query_to_the_events_table() {
        TestTables tables = TestTables.create(dynamo);
        try {
            SnapStartPriming priming = new SnapStartPriming(dynamo, names(tables.name("EventsTable")));
            requests.reset();

            priming.beforeCheckpoint(null);

            assertThat(requests.operations()).containsExactly("Query");
        } finally {
            TestTables.cleanUp(tables, dynamo);
        }
    }

    @Test
    void a_refused_request_is_only_logged_and_the_snapshot_goes_ahead() {
        SnapStartPriming priming = new SnapStartPriming(dynamo, names("no-such-table"));
        requests.reset();

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(requests.operations()).containsExactly("Query");
    }

    private static TableNames names(String events) {
        return new TableNames() {
            public String events() {
                return events;
            }

            public String eventIds() {
                return "unused";
            }

            public String snapshots() {
                return "unused";
            }

            public String readModels() {
                return "unused";
            }

            public String checkpoints() {
                return "unused";
            }

            public String keys() {
                return "unused";
            }

            public String notices() {
                return "unused";
            }
        };
    }
}
