package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.Erasures;
import coop.app.EventService;
import coop.app.Json;
import coop.domain.family.Family;
import coop.domain.family.PortalAccess;
import coop.functions.StreamBatches;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.readmodel.ReadModelQueries;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.PersonalData;
import coop.testing.TestKms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream of a family whose personal data was erased, with personal values sealed as deployed: an erased family
 * still owes money, so its overdue notices still lock its portal (the follow-up carries no reason, a reason being
 * personal data).
 */
class ErasedFamilyTriggersTest extends StreamTest {

    private KmsClient kms;
    private PersonalData personal;
    private Erasures erasures;

    @BeforeEach
    void sealedStreamSide() {
        kms = TestKms.client();
        personal = new PersonalData(dynamo, tables.name("KeysTable"), new KmsDataKeys(kms, TestKms.KEY_ALIAS),
                new KeyCache(clock, Duration.ZERO), new AggregateTypes(List.of(Family.INSTANCE)).personalFields(),
                clock);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, personal);
        aggregates = new AggregateRepository(store, codec);
        events = new EventService(types, store, aggregates, codec);
        erasures = new Erasures(store, aggregates, codec);
        readModels = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"), personal,
                Map.of("family_summary", Family.NAME));
        familySummary = new FamilySummaryProjection(aggregates, readModels, codec, Json.mapper(), true);
        dispatcher = new StreamDispatcher(subscribers(), checkpoints, clock, aggregates, store, familySummary);
        queries = new ReadModelQueries(readModels, checkpoints, dispatcher, Json.mapper());
    }

    @AfterEach
    void closeKms() {
        kms.close();
    }

    /** As the stream function does: the images carry personal values sealed, subscribers get them opened. */
    @Override
    List<String> deliver(List<DynamodbEvent.DynamodbStreamRecord> records) {
        return StreamBatches.handle(records, images -> dispatcher.dispatch(personal.open(images)).failed())
                .getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private List<RecordedEvent> ofType(String family, String type) {
        return history(family).stream().filter(event -> event.eventType().equals(type)).toList();
    }

    @Test
    void after_an_erasure_an_overdue_notice_still_locks_the_portal_and_a_payment_restores_it() {
        enroll("erased", "Nakamura");
        due("erased", 450, "2024-10-01");
        deliverAll();
        assertThat(erasures.erase(TENANT, "erased", "request", "admin-1")).isPresent();
        deliverAll();

        append("erased", "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        deliverAll();

        assertThat(ofType("erased", "PortalAccessLocked")).singleElement().satisfies(lock -> {
            assertThat(lock.data()).doesNotContain("overdue");
            assertThat(lock.causationId()).isPresent();
        });
        assertThat(aggregates.load(Family.INSTANCE, family("erased"), coop.app.LoadTarget.latest()).orElseThrow()
                .state().portalAccess()).isEqualTo(PortalAccess.LOCKED);

        received("erased", 450, "2024-10-20");
        deliverAll();

        assertThat(ofType("erased", "PortalAccessRestored")).hasSize(1);
        assertThat(aggregates.load(Family.INSTANCE, family("erased"), coop.app.LoadTarget.latest()).orElseThrow()
                .state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }

    @Test
    void before_an_erasure_the_lock_names_its_reason() {
        enroll("kept", "Okafor");
        due("kept", 450, "2024-10-01");
        append("kept", "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        deliverAll();

        assertThat(ofType("kept", "PortalAccessLocked")).singleElement()
                .satisfies(lock -> assertThat(lock.data()).contains("A payment is overdue"));
    }
}
