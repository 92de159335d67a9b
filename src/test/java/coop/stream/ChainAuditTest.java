package coop.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.observability.Metrics;
import coop.schedule.ChainAudit;
import coop.store.dynamodb.EventItems;
import coop.testing.Emf;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled chain audit publishes what it found; a family whose stored history was changed is counted. */
class ChainAuditTest extends StreamTest {

    private final List<String> lines = new ArrayList<>();

    private ChainAudit audit(int samplePerTenant) {
        return new ChainAudit(readModels, store, new Metrics("Coop/test", lines::add), samplePerTenant, new Random(7));
    }

    @Test
    void a_changed_event_is_counted_as_a_failure_and_intact_families_as_verified() throws Exception {
        enroll("chen", "Chen Family");
        enroll("okafor", "Okafor Family");
        due("okafor", 120, "2024-10-01");
        enroll("patel", "Patel Family");
        deliverAll();
        dynamo.updateItem(request -> request.tableName(tables.name("EventsTable"))
                .key(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(family("okafor"))),
                        EventItems.VERSION, AttributeValue.fromN("2")))
                .updateExpression("SET " + EventItems.USER_ID + " = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("someone-else"))));

        ChainAudit.Outcome outcome = audit(10).verifySample();

        assertThat(outcome).isEqualTo(new ChainAudit.Outcome(2, 0, 1));
        Emf published = new Emf(new ObjectMapper().readTree(lines.getLast()));
        assertThat(published.value("ChainVerificationFailures")).isEqualTo(1.0);
        assertThat(published.value("ChainsVerified")).isEqualTo(2.0);
        assertThat(published.value("ChainsNotChained")).isZero();
    }

    @Test
    void a_run_verifies_at_most_its_sample_of_each_tenant() {
        for (int i = 0; i < 6; i++) {
            enroll("family-" + i, "Family " + i);
        }
        deliverAll();

        ChainAudit.Outcome outcome = audit(4).verifySample();

        assertThat(outcome.verified()).isEqualTo(4);
        assertThat(outcome.broken()).isZero();
    }
}
