package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.app.AggregateRepository;
import coop.app.AggregateTypes;
import coop.app.Erasures;
import coop.app.EventService;
import coop.app.Json;
import coop.domain.family.Family;
import coop.functions.StreamBatches;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.local.LocalKmsKey;
import coop.readmodel.ReadModelQueries;
import coop.store.RecordedEvent;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.store.dynamodb.PersonalData;
import coop.store.dynamodb.StateRows;
import coop.store.dynamodb.StreamRecords;
import coop.testing.TestKms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The stream side with personal values sealed as deployed: a keyed store, sealed summary rows, and deliveries that open
 * the stream images as the stream function does; {@link #erasures} erases as the erasure route does.
 */
abstract class SealedStreamTest extends StreamTest {

    KmsClient kms;
    PersonalData personal;
    Erasures erasures;

    @BeforeEach
    void sealedStreamSide() {
        kms = TestKms.client();
        LocalKmsKey.ensure(kms, kmsKeyAlias());
        personal = new PersonalData(dynamo, tables.name("KeysTable"), new KmsDataKeys(kms, kmsKeyAlias()),
                new KeyCache(clock, Duration.ZERO), new AggregateTypes(List.of(Family.INSTANCE)).personalFields(),
                clock);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, personal);
        aggregates = new AggregateRepository(store, codec);
        events = new EventService(types, store, aggregates, codec);
        erasures = new Erasures(store, aggregates, codec);
        readModels = new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"), personal,
                Map.of("family_summary", new StateRows(Family.NAME, Family.INSTANCE.personalStateFields())));
        familySummary = new FamilySummaryProjection(aggregates, readModels, codec, Json.mapper(), true);
        dispatcher = new StreamDispatcher(subscribers(), checkpoints, clock, aggregates, store, familySummary);
        queries = new ReadModelQueries(readModels, checkpoints, dispatcher, Json.mapper());
    }

    /** The alias of the KMS key that wraps the data keys; a test that breaks its key gives itself one of its own. */
    String kmsKeyAlias() {
        return TestKms.KEY_ALIAS;
    }

    @AfterEach
    void closeKms() {
        kms.close();
    }

    /** As the stream function does: the images carry personal values sealed, subscribers get them opened. */
    @Override
    protected List<String> deliver(List<DynamodbEvent.DynamodbStreamRecord> records) {
        return StreamBatches.handle(records, StreamRecords::event, images -> dispatcher.dispatch(personal.open(images)).failed())
                .getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    List<RecordedEvent> ofType(String family, String type) {
        return history(family).stream().filter(event -> event.eventType().equals(type)).toList();
    }
}
