package coop.schedule;

import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.AppendRequest;
import coop.app.Erasures;
import coop.app.EventCodec;
import coop.app.EventService;
import coop.app.Json;
import coop.app.ProposedEvent;
import coop.domain.family.Family;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.store.EventStore;
import coop.store.ExpectedVersion;
import coop.store.ReadModelStore;
import coop.store.RecordedEvent;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.PersonalData;
import coop.testing.MutableClock;
import coop.testing.RawTables;
import coop.testing.TestDynamo;
import coop.testing.TestKms;
import coop.testing.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention rule, run with a five-minute retention on moto's DynamoDB and KMS. */
class RetentionErasuresTest {

    private static final String TENANT = "coop-north";
    private static final Duration RETENTION = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T09:00:00Z"));
    private DynamoDbClient dynamo;
    private KmsClient kms;
    private TestTables tables;
    private EventStore store;
    private EventService events;
    private RetentionErasures retention;

    @BeforeEach
    void encryptingStore() {
        dynamo = TestDynamo.client();
        kms = TestKms.client();
        tables = TestTables.create(dynamo);
        AggregateTypes types = new AggregateTypes(List.of(Family.INSTANCE));
        PersonalData personal = new PersonalData(dynamo, tables.name("KeysTable"),
                new KmsDataKeys(kms, TestKms.KEY_ALIAS), new KeyCache(clock, Duration.ofSeconds(60)),
                types.personalFields(), clock);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, personal);
        EventCodec codec = new EventCodec(Json.mapper());
        AggregateRepository aggregates = new AggregateRepository(store, codec);
        events = new EventService(types, store, aggregates, codec);
        ReadModelStore rows = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"));
        rows.registerTenant(TENANT);
        retention = new RetentionErasures(rows, store, aggregates, new Erasures(store, aggregates, codec), RETENTION,
                clock);
    }

    @AfterEach
    void dropTables() {
        TestTables.cleanUp(tables, dynamo, kms);
    }

    private void append(String familyId, String eventType, Map<String, Object> data) {
        events.append(new AppendRequest(TENANT, Family.NAME, familyId, ExpectedVersion.any(),
                List.of(new ProposedEvent(Optional.empty(), eventType, Optional.empty(), data)),
                "coordinator-1", Optional.empty(), Optional.empty()));
    }

    private void enrol(String familyId) {
        append(familyId, "FamilyEnrolled", Map.of("family_name", "Zyx" + familyId, "enrollment_date", "2025-01-06"));
    }

    private List<RecordedEvent> history(String familyId) {
        return store.readStream(new StreamId(TENANT, Family.NAME, familyId), 0, Long.MAX_VALUE);
    }

    @Test
    void families_withdrawn_longer_than_the_retention_are_erased_once_with_reason_retention() {
        for (String family : List.of("gone", "back", "recent", "staying")) {
            enrol(family);
        }
        append("gone", "FamilyWithdrawn", Map.of("withdrawal_date", "2025-03-03", "reason", "moved to Ohio"));
        append("back", "FamilyWithdrawn", Map.of("withdrawal_date", "2025-03-03"));
        append("back", "FamilyWithdrawalReversed", Map.of("reason", "stayed", "original_event_id", "x"));
        clock.advance(Duration.ofMinutes(8));
        append("recent", "FamilyWithdrawn", Map.of("withdrawal_date", "2025-03-03"));
        clock.advance(Duration.ofMinutes(2));

        assertThat(retention.eraseWithdrawnFamilies()).isEqualTo(1);
        assertThat(retention.eraseWithdrawnFamilies()).as("a second run erases nothing again").isZero();

        List<RecordedEvent> gone = history("gone");
        assertThat(gone).extracting(RecordedEvent::eventType)
                .containsExactly("FamilyEnrolled", "FamilyWithdrawn", "PersonalDataErased");
        assertThat(gone.get(2).data()).isEqualTo("{\"reason\":\"retention\"}");
        assertThat(gone.get(2).userId()).isEqualTo("scheduler:" + RetentionErasures.NAME);
        assertThat(gone.get(0).data()).contains("\"family_name\":null");
        assertThat(gone.get(1).erasedFields()).containsExactly("reason");
        assertThat(RawTables.find(dynamo, tables, "Zyxgone")).isEmpty();
        for (String kept : List.of("back", "recent", "staying")) {
            assertThat(history(kept)).extracting(RecordedEvent::eventType).as(kept)
                    .doesNotContain("PersonalDataErased");
            assertThat(history(kept).getFirst().data()).contains("Zyx" + kept);
        }
    }

    @Test
    void a_run_with_no_family_due_erases_nothing() {
        enrol("staying");

        assertThat(retention.eraseWithdrawnFamilies()).isZero();
        assertThat(history("staying")).hasSize(1);
    }
}
