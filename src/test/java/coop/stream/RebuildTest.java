package coop.stream;

import coop.admin.ProjectionAdmin;
import coop.admin.UnknownProjection;
import coop.readmodel.FamilySummary;
import coop.readmodel.ReadModelQueries;
import coop.app.Json;
import coop.domain.family.PaymentStatus;
import coop.store.Checkpoint;
import coop.store.ReadModelStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.EventTableScan;
import coop.store.dynamodb.TableDefinitions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildTest extends StreamTest {

    @Test
    void a_rebuilt_family_summary_equals_the_incrementally_built_one() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        received("chen", 450, "2024-09-30");
        enroll("lee", "Lee Family");
        due("lee", 100, "2024-10-01");
        enroll("patel", "Patel Family");
        append("patel", "ChildAdded", java.util.Map.of("child_name", "Asha", "age", 9, "grade", 4));
        deliverAll();

        String rebuiltTable = tables.name("ReadModelsTable") + "-rebuilt";
        TableDefinitions.fromClasspath().create(dynamo, "ReadModelsTable", rebuiltTable);
        try {
            ReadModelStore rebuiltRows = new DynamoDbReadModels(dynamo, rebuiltTable);
            var rebuiltProjection = new FamilySummaryProjection(aggregates, rebuiltRows, codec, Json.mapper(), true);
            List<Checkpoint.Status> statusWhileRebuilding = new ArrayList<>();
            var scan = new EventTableScan(dynamo, tables.name("EventsTable"));
            ProjectionAdmin admin = new ProjectionAdmin(rebuiltProjection, (type, each) -> scan.forEachStream(type,
                    stream -> {
                        statusWhileRebuilding.add(checkpoints.find(FamilySummaryProjection.NAME).orElseThrow()
                                .status());
                        each.accept(stream);
                    }), checkpoints, clock);

            assertThat(admin.rebuild(FamilySummaryProjection.NAME)).isEqualTo(3);

            ReadModelQueries rebuilt = new ReadModelQueries(rebuiltRows, checkpoints, dispatcher, Json.mapper());
            for (String family : List.of("chen", "lee", "patel")) {
                assertThat(rebuilt.familySummary(TENANT, family)).contains(summary(family));
            }
            for (PaymentStatus status : PaymentStatus.values()) {
                assertThat(rebuilt.familiesByPaymentStatus(TENANT, status, 10, Optional.empty()))
                        .isEqualTo(queries.familiesByPaymentStatus(TENANT, status, 10, Optional.empty()));
            }
            assertThat(statusWhileRebuilding).containsOnly(Checkpoint.Status.REBUILDING);
            assertThat(checkpoints.find(FamilySummaryProjection.NAME).orElseThrow().status())
                    .isEqualTo(Checkpoint.Status.RUNNING);
            assertThat(rebuiltRows.tenants()).containsExactly(TENANT);
        } finally {
            dynamo.deleteTable(request -> request.tableName(rebuiltTable));
        }
    }

    @Test
    void rebuilding_over_the_live_model_changes_nothing_and_an_unknown_projection_is_refused() {
        enroll("chen", "Chen Family");
        due("chen", 450, "2024-10-01");
        deliverAll();
        FamilySummary before = summary("chen");
        ProjectionAdmin admin = new ProjectionAdmin(familySummary, new EventTableScan(dynamo,
                tables.name("EventsTable")), checkpoints, clock);

        admin.rebuild(FamilySummaryProjection.NAME);

        assertThat(summary("chen")).isEqualTo(before);
        assertThatThrownBy(() -> admin.rebuild("no-such-projection")).isInstanceOf(UnknownProjection.class);
    }
}
