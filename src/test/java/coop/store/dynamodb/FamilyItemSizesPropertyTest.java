package coop.store.dynamodb;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.AppendRequest;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.app.LoadTarget;
import coop.app.Loaded;
import coop.app.ProposedEvent;
import coop.domain.RuleViolation;
import coop.domain.family.Family;
import coop.domain.family.FamilyLimits;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyStatus;
import coop.readmodel.FamilySummary;
import coop.readmodel.FamilySummaryRows;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.RecordedEvent;
import coop.store.Snapshot;
import coop.app.SnapshotWrites;
import coop.store.StreamId;
import coop.store.dynamodb.FamilyAtTheLimits.Step;
import coop.testing.TestDynamo;
import coop.testing.TestTables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No valid input makes an item DynamoDB would refuse. Over random histories grown to every family limit (see
 * {@link FamilyAtTheLimits}), the state, its snapshot item, its summary row and every event item with its id item
 * stay under 400 KB, sized by the store's own accounting ({@link ItemSizes}) with every id and key at its longest;
 * and a family at the limits is written to the server through the real service, snapshots and summary row included.
 */
class FamilyItemSizesPropertyTest {

    private static final int HISTORIES = 8;
    private static final String LONGEST_ID = "i".repeat(200);
    private static final StreamId STREAM = new StreamId("t".repeat(200), Family.NAME, "f".repeat(200));
    private static final Instant AT = Instant.parse("2125-12-31T23:59:59.999999Z");

    private final EventCodec codec = new EventCodec(Json.mapper());
    private final FamilySummaryRows summaryRows = new FamilySummaryRows(codec, Json.mapper());

    @Test
    void every_item_of_families_grown_to_the_limits_stays_far_below_dynamodbs_item_limit() {
        assertItemsFarBelowTheLimit(FamilyAtTheLimits.MIXED, HISTORIES);
    }

    @Test
    void texts_of_only_six_byte_characters_at_every_limit_still_stay_far_below_it() {
        assertItemsFarBelowTheLimit(FamilyAtTheLimits.COSTLIEST, 2);
    }

    private void assertItemsFarBelowTheLimit(List<String> characters, int histories) {
        long seed = Long.getLong("coop.test.seed", System.nanoTime());
        Random random = new Random(seed);
        int state = 0;
        int snapshot = 0;
        int row = 0;
        int event = 0;
        int idItem = 0;
        for (int h = 0; h < histories; h++) {
            FamilyAtTheLimits family = new FamilyAtTheLimits(random, characters, codec, STREAM.aggregateId());
            List<Step> steps = family.grow();
            for (int i = 0; i < steps.size(); i++) {
                long version = i + 1;
                NewEvent stored = steps.get(i).stored();
                event = Math.max(event, ItemSizes.of(EventItems.toItem(new RecordedEvent(LONGEST_ID,
                        stored.eventType(), stored.eventVersion(), STREAM, version, stored.data(), AT, LONGEST_ID,
                        LONGEST_ID, Optional.of(LONGEST_ID)))));
                NewEvent withId = new NewEvent(Optional.of(LONGEST_ID), stored.eventType(), stored.eventVersion(),
                        stored.data());
                // The keyed fingerprint is the longer one.
                idItem = Math.max(idItem, ItemSizes.of(EventIdItems.toItem(STREAM, version, withId, LONGEST_ID,
                        Fingerprints.keyed(withId, new byte[32]))));
                if (i % 10 == 0 || i == steps.size() - 1) {
                    FamilyState after = steps.get(i).after();
                    String json = codec.write(after);
                    state = Math.max(state, json.getBytes(StandardCharsets.UTF_8).length);
                    snapshot = Math.max(snapshot, ItemSizes.of(SnapshotItems.toItem(new Snapshot(STREAM, version,
                            Family.INSTANCE.stateSchemaVersion(), json, AT), AT)));
                    row = Math.max(row, ItemSizes.of(ReadModelItems.toItem(
                            summaryRows.row(STREAM, new Loaded<>(after, version, AT)))));
                }
            }
            assertThat(family.state().children()).hasSize(FamilyLimits.MAX_CHILDREN);
            assertThat(family.state().dues()).hasSize(FamilyLimits.MAX_UNPAID_DUES);
            assertThat(family.state().status()).isNotEqualTo(FamilyStatus.WITHDRAWN);
            assertThat(family.accept("ChildAdded", Map.of("child_name", "One more"))).isFalse();
            assertThat(family.accept("PaymentDue", Map.of("amount", 1, "due_date", "2024-10-01"))).isFalse();
        }
        System.out.printf("Largest of %d families at the limits (seed %d): state %,d B, snapshot item %,d B, "
                + "summary row %,d B, event item %,d B, event-id item %,d B%n", histories, seed, state, snapshot,
                row, event, idItem);

        // A quarter of an item: room for the state to grow in a later schema without nearing the limit.
        assertThat(snapshot).as("seed %d", seed).isLessThan(ItemSizes.MAX_ITEM_BYTES / 4);
        assertThat(row).as("seed %d", seed).isLessThan(ItemSizes.MAX_ITEM_BYTES / 4);
        assertThat(event).as("seed %d", seed).isLessThan(ItemSizes.MAX_ITEM_BYTES / 4);
        assertThat(EventStore.MAX_EVENTS_PER_APPEND * (event + idItem)).as("the largest append, seed %d", seed)
                .isLessThan(ItemSizes.MAX_TRANSACTION_BYTES);
    }

    @Test
    void a_family_at_the_limits_is_stored_snapshotted_and_summarised_by_the_server() {
        DynamoDbClient dynamo = TestDynamo.client();
        TestTables tables = TestTables.create(dynamo);
        try {
            long seed = Long.getLong("coop.test.seed", System.nanoTime());
            EventStore store = new DynamoDbEventStore(dynamo, tables.storeSettings(),
                    Clock.fixed(AT, ZoneOffset.UTC));
            // A load that replays more than 20 events stores a snapshot: the largest states are written as snapshots.
            AggregateRepository aggregates = new AggregateRepository(store, codec,
                    type -> 20, SnapshotWrites.NONE);
            EventService service = new EventService(new AggregateTypes(List.of(Family.INSTANCE)), store, aggregates,
                    codec);
            FamilyAtTheLimits family = new FamilyAtTheLimits(new Random(seed), FamilyAtTheLimits.MIXED, codec,
                    STREAM.aggregateId());
            List<ProposedEvent> history = family.grow().stream().map(Step::proposed).toList();
            for (int from = 0; from < history.size(); from += EventStore.MAX_EVENTS_PER_APPEND) {
                service.append(request(history.subList(from,
                        Math.min(history.size(), from + EventStore.MAX_EVENTS_PER_APPEND))));
            }

            Loaded<FamilyState> loaded = aggregates.load(Family.INSTANCE, STREAM, LoadTarget.latest()).orElseThrow();
            DynamoDbReadModels rows = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"));

            assertThat(loaded.state()).as("seed %d", seed).isEqualTo(family.state());
            assertThat(store.latestSnapshot(STREAM, Long.MAX_VALUE)).as("seed %d", seed).isPresent();
            assertThat(rows.putIfNewer(summaryRows.row(STREAM, loaded))).isTrue();
            assertThat(summaryRows.summary(rows.find(STREAM.tenantId(), FamilySummary.MODEL, STREAM.aggregateId())
                    .orElseThrow())).isEqualTo(FamilySummary.of(family.state(), loaded.version(), loaded.lastEventAt()));
            assertThatThrownBy(() -> service.append(request(List.of(new ProposedEvent(Optional.empty(), "ChildAdded",
                    Optional.empty(), Map.of("child_name", "One more"))))))
                    .isInstanceOf(RuleViolation.class).hasMessageContaining("already has 20 children");
            assertThat(store.currentVersion(STREAM)).isEqualTo(history.size());
        } finally {
            TestTables.cleanUp(tables, dynamo);
        }
    }

    private static AppendRequest request(List<ProposedEvent> events) {
        return new AppendRequest(STREAM.tenantId(), Family.NAME, STREAM.aggregateId(), ExpectedVersion.any(), events,
                LONGEST_ID, Optional.of(LONGEST_ID), Optional.of(LONGEST_ID));
    }
}
