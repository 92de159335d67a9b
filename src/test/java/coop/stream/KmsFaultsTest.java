package coop.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import coop.functions.StreamBatches;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.ParkingStore;
import coop.store.dynamodb.DynamoDbParking;
import coop.store.dynamodb.StreamRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KMS key that wraps the data keys, broken as a deployment breaks it, on the test server's real KMS: the stream
 * keeps the records failed for as long as Lambda retries, parks no family, and takes them once the key is back.
 * moto 5.2.1 does not refuse a disabled key ({@code DisableKey} changes its state, {@code Decrypt} still answers), so
 * the faults here are the two it does enforce: the alias gone ({@code NotFoundException}, as for a deleted key) and
 * the alias moved to another key ({@code AccessDeniedException}); {@code DisabledException} and
 * {@code KMSInvalidStateException} are classified by their codes in {@link ParkingCountTest}.
 */
class KmsFaultsTest extends SealedStreamTest {

    private static final int PARK_AFTER = 3;
    private static final int MAX_DELIVERIES = 11;

    private final String alias = "alias/coop-faults-" + UUID.randomUUID();
    private ParkingStore parking;
    private FamilyParking stream;

    @Override
    String kmsKeyAlias() {
        return alias;
    }

    @BeforeEach
    void parkingOnTheCheckpointsTable() {
        parking = new DynamoDbParking(dynamo, tables.name("CheckpointsTable"));
        stream = new FamilyParking(dispatcher, parking, PARK_AFTER, clock);
    }

    @Test
    void a_deleted_kms_key_parks_no_family_and_the_records_go_through_once_it_is_back() {
        enroll("kowalski", "Kowalski Family");
        deliverAll();
        String keyId = kms.describeKey(request -> request.keyId(alias)).keyMetadata().keyId();
        kms.deleteAlias(request -> request.aliasName(alias));
        List<DynamodbEvent.DynamodbStreamRecord> batch = paymentDue("kowalski");

        List<List<String>> answers = deliverAsLambda(batch);

        assertThat(answers).as("failed on every delivery, never parked")
                .hasSize(MAX_DELIVERIES).allSatisfy(answer -> assertThat(answer).hasSize(1));
        assertThat(parking.parkedEverywhere()).isEmpty();
        kms.createAlias(request -> request.aliasName(alias).targetKeyId(keyId));
        assertThat(deliverAsLambda(batch)).containsExactly(List.of());
        assertThat(summary("kowalski").aggregateVersion()).isEqualTo(2);
        assertThat(summary("kowalski").state().familyName()).isEqualTo("Kowalski Family");
    }

    @Test
    void a_kms_key_the_functions_may_not_use_parks_no_family_and_the_records_go_through_once_it_is_back() {
        enroll("nakamura", "Nakamura Family");
        deliverAll();
        String keyId = kms.describeKey(request -> request.keyId(alias)).keyMetadata().keyId();
        String otherKey = kms.createKey(request -> request.description("not the data keys' key")).keyMetadata()
                .keyId();
        kms.updateAlias(request -> request.aliasName(alias).targetKeyId(otherKey));
        List<DynamodbEvent.DynamodbStreamRecord> batch = paymentDue("nakamura");

        List<List<String>> answers = deliverAsLambda(batch);

        assertThat(answers).hasSize(MAX_DELIVERIES).allSatisfy(answer -> assertThat(answer).hasSize(1));
        assertThat(parking.parkedEverywhere()).isEmpty();
        kms.updateAlias(request -> request.aliasName(alias).targetKeyId(keyId));
        assertThat(deliverAsLambda(batch)).containsExactly(List.of());
        assertThat(summary("nakamura").aggregateVersion()).isEqualTo(2);
        assertThat(summary("nakamura").state().familyName()).isEqualTo("Nakamura Family");
    }

    /** A payment falls due, appended as a trigger would (no load): only the stream side needs the family's key. */
    private List<DynamodbEvent.DynamodbStreamRecord> paymentDue(String familyId) {
        store.append(family(familyId), ExpectedVersion.exactly(1), List.of(StreamLoad.due(0)),
                EventMetadata.of("billing", "due-" + familyId));
        return newRecords();
    }

    /** As Lambda delivers with ReportBatchItemFailures: again from the first failed record, 11 deliveries at most. */
    private List<List<String>> deliverAsLambda(List<DynamodbEvent.DynamodbStreamRecord> batch) {
        List<List<String>> answers = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> pending = batch;
        while (answers.size() < MAX_DELIVERIES) {
            List<String> failed = StreamBatches.handle(pending, StreamRecords::event,
                            images -> stream.dispatch(personal.open(images)).failed())
                    .getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                    .toList();
            answers.add(failed);
            if (failed.isEmpty()) {
                break;
            }
            int from = pending.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList().indexOf(failed.get(0));
            pending = pending.subList(from, pending.size());
        }
        return answers;
    }
}
