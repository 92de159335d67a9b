package coop.app;

import coop.admin.RebuildSettings;
import coop.domain.family.ChildAdded;
import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyEvent;
import coop.readmodel.FamilySummary;
import coop.store.BackfillPage;
import coop.store.EventMetadata;
import coop.store.ExpectedVersion;
import coop.store.NewEvent;
import coop.store.ReadModelRow;
import coop.store.ReadModelStore;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventStore;
import coop.store.dynamodb.DynamoDbReadModels;
import coop.stream.FamilySummaryProjection;
import coop.testing.BulkEvents;
import coop.testing.RawTables;
import coop.store.dynamodb.StateRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static coop.app.OnDemandSnapshotTest.family;
import static coop.app.OnDemandSnapshotTest.payments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade backfill seals what releases before sealing stored in clear: events written with the raw SDK as those
 * releases wrote them, and a snapshot and summary rows written by the store and projection without sealing (their
 * code then). The backfill dies between a family's new key and its first rewrite, and after a page's writes, and
 * resumes; afterwards no table holds the names, every read answers as before, a second run seals nothing, and an
 * erasure makes the values unreadable.
 */
class PersonalDataBackfillTest extends AppTest {

    /** Distinctive names found nowhere else, so any trace of them in a table is a leak. */
    private static final String NAME = "Vexmorrowind";
    private static final String CHILD = "Quillobrantes";
    private static final List<String> FAMILIES = List.of("f0", "f1", "f2", "f3", "f4");
    private static final RebuildSettings SMALL_PAGES = new RebuildSettings(2, 4, 2);

    private final SealedBackfill sealed = new SealedBackfill();

    @BeforeEach
    void sealingStore() {
        sealed.open(dynamo, tables, clock);
        store = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock, sealed.personal());
    }

    @AfterEach
    void closeKms() {
        sealed.close();
    }

    @Test
    void clear_values_are_sealed_by_a_backfill_that_dies_and_resumes_and_every_read_answers_as_before()
            throws Exception {
        FAMILIES.forEach(this::storeTheOldWay);
        storeStateTheOldWay("f0", true);
        storeStateTheOldWay("f1", false);
        // A family that appended personal data after the upgrade already has a key: the backfill seals under it.
        store.append(family("f4"), ExpectedVersion.exactly(6), List.of(encode(new ChildAdded("Ona", 6, 1))),
                EventMetadata.of("sarah", "after-upgrade"));
        Map<String, AttributeValue> f4Key = sealed.keyItem(family("f4")).orElseThrow();
        Map<String, Reads> before = readAll();
        assertThat(RawTables.find(dynamo, tables, NAME)).as("stored in clear by the earlier release")
                .anyMatch(hit -> hit.contains("Events")).anyMatch(hit -> hit.contains("Snapshots"))
                .anyMatch(hit -> hit.contains("ReadModels"));

        AtomicInteger pages = new AtomicInteger();
        sealed.dieBeforeTheNextRewrite();
        sealed.runToTheEnd(SMALL_PAGES, (segment, total, after, size) -> {
            BackfillPage page = sealed.backfill().backfill(segment, total, after, size);
            if (pages.incrementAndGet() == 3) {
                throw new IllegalStateException("the invocation died after the page's writes, before its checkpoint");
            }
            return page;
        });

        assertThat(pages.get()).as("the page that died was done again").isGreaterThan(3);
        assertThat(sealed.failedRewrites()).as("died between a new key and its first rewrite").isEqualTo(1);
        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(RawTables.find(dynamo, tables, CHILD)).isEmpty();
        assertThat(readAll()).as("every read answers as before").isEqualTo(before);
        assertThat(FAMILIES).as("chained by the same backfill, after sealing: the chain covers the sealed form")
                .allSatisfy(id -> assertThat(store.verifyChain(family(id)).verified()).isTrue());
        assertThat(sealed.kmsOperations()).as("one new key per family without one, none made twice")
                .filteredOn("GenerateDataKey"::equals).hasSize(4);
        assertThat(sealed.keyItem(family("f4"))).contains(f4Key);
        assertThat(store.findEvent(TENANT, store.readStream(family("f2"), 1, 2).getFirst().eventId()).orElseThrow()
                .data()).contains(CHILD + "2");
        assertThat(RawTables.items(dynamo, tables.name("EventIdsTable")))
                .as("the id items the backfill added for personal events carry keyed fingerprints")
                .filteredOn(item -> item.get("fingerprint").s().startsWith("hmac:")).hasSize(2 * FAMILIES.size() + 1);
        List<NewEvent> retry = store.readStream(family("f2"), 0, 2).stream().map(event -> new NewEvent(
                Optional.of(event.eventId()), event.eventType(), event.eventVersion(), event.data())).toList();
        assertThat(store.findStored(family("f2"), retry)).as("a retry of an old append is still recognised").get()
                .satisfies(found -> assertThat(found.positions()).extracting(p -> p.version()).containsExactly(1L, 2L));

        List<String> afterFirstRun = RawTables.everything(dynamo, tables);
        assertThat(sealed.backfill().backfill(0, 1, Optional.empty(), 1000).itemsSealed()).isZero();
        assertThat(RawTables.everything(dynamo, tables)).as("a second run changes nothing")
                .isEqualTo(afterFirstRun);

        new Erasures(store, new AggregateRepository(store, codec), codec).erase(TENANT, "f0", "asked", "admin");
        sealed.personal().forget(family("f0"));
        var enrolled = store.readStream(family("f0"), 0, 1).getFirst();
        assertThat(enrolled.data()).contains("\"family_name\":null").contains("\"enrollment_date\":\"2024-09-01\"");
        assertThat(enrolled.erasedFields()).contains("family_name", "parent_name");
        assertThat(readModels().find(TENANT, FamilySummary.MODEL, "f0")).as("sealed value by value: still listed, "
                + "its personal values null until the stream rewrites it").hasValueSatisfying(row ->
                assertThat(row.source().orElseThrow().state()).contains("\"family_name\":null"));
        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
    }

    @Test
    void a_family_erased_before_the_backfill_has_its_clear_values_shredded_and_its_later_row_kept() {
        storeTheOldWay("f0");
        storeStateTheOldWay("f0", true);
        storeTheOldWay("f1");
        Erasures erasures = new Erasures(store, new AggregateRepository(store, codec), codec);
        erasures.erase(TENANT, "f0", "asked", "admin");
        erasures.erase(TENANT, "f1", "asked", "admin");
        // As the stream rewrites an erased family's row: from the folded state, personal values null, in clear.
        ReadModelRow afterErasure = ReadModelRow.ofSource(TENANT, FamilySummary.MODEL, "f1", 7,
                Optional.of("payment_status#current"), clock.instant(),
                new ReadModelRow.RowSource("{\"familyName\":null}", 3));
        readModels().putIfNewer(afterErasure);
        assertThat(store.readStream(family("f0"), 0, 1).getFirst().data()).as("before the backfill").contains(NAME);

        BackfillPage page = sealed.backfill().backfill(0, 1, Optional.empty(), 1000);

        assertThat(page.itemsSealed()).as("per family two events and their id items' fingerprints; f0's snapshot "
                + "and row").isEqualTo(2 * 4 + 2);
        assertThat(RawTables.items(dynamo, tables.name("EventIdsTable")))
                .filteredOn(item -> item.get("fingerprint").s().startsWith("hmac:")).hasSize(4);
        assertThat(RawTables.find(dynamo, tables, NAME)).isEmpty();
        assertThat(RawTables.find(dynamo, tables, CHILD)).isEmpty();
        var read = store.readStream(family("f0"), 0, 2);
        assertThat(read.get(0).erasedFields()).containsExactlyInAnyOrder("family_name", "parent_name");
        assertThat(read.get(1).erasedFields()).containsExactlyInAnyOrder("child_name", "age", "grade");
        assertThat(store.latestSnapshot(family("f0"), 100)).as("sealed under a key nobody holds").isEmpty();
        assertThat(readModels().find(TENANT, FamilySummary.MODEL, "f0")).hasValueSatisfying(row ->
                assertThat(row.source().orElseThrow().state()).contains("\"family_name\":null"));
        assertThat(readModels().find(TENANT, FamilySummary.MODEL, "f1")).as("written after the erasure: kept")
                .contains(afterErasure);
        assertThat(sealed.kmsOperations()).doesNotContain("GenerateDataKey");
    }

    /** Events as a release before sealing stored them: the same items, personal values in clear. */
    private void storeTheOldWay(String familyId) {
        int n = FAMILIES.indexOf(familyId);
        List<FamilyEvent> history = new ArrayList<>(List.of(
                new FamilyEnrolled(NAME + " " + n, LocalDate.of(2024, 9, 1), "Pat " + NAME, 1),
                new ChildAdded(CHILD + n, 9, 4)));
        history.addAll(payments(4));
        List<NewEvent> encoded = history.stream().map(this::encode).toList();
        BulkEvents.write(dynamo, tables.name("EventsTable"), family(familyId), 0, encoded, clock.instant());
    }

    /** A snapshot and a summary row as the store and projection of a release before sealing wrote them. */
    private void storeStateTheOldWay(String familyId, boolean withSnapshot) {
        DynamoDbEventStore unsealed = new DynamoDbEventStore(dynamo, tables.storeSettings(), clock);
        AggregateRepository repository = new AggregateRepository(unsealed, codec);
        if (withSnapshot) {
            StreamId stream = family(familyId);
            repository.saveSnapshot(Family.INSTANCE, stream,
                    repository.load(Family.INSTANCE, stream, LoadTarget.latest()).orElseThrow());
        }
        new FamilySummaryProjection(repository, new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable")),
                codec, Json.mapper(), true).rebuild(family(familyId));
    }

    private NewEvent encode(FamilyEvent event) {
        return codec.encode(Family.INSTANCE, event);
    }

    private ReadModelStore readModels() {
        return new DynamoDbReadModels(dynamo, tables.name("ReadModelsTable"), sealed.personal(),
                Map.of(FamilySummary.MODEL, new StateRows(Family.NAME, Family.INSTANCE.personalStateFields())));
    }

    private Map<String, Reads> readAll() {
        AggregateRepository loads = new AggregateRepository(store, codec);
        // The events as a reader sees them; their chain hashes are the backfill's to add (docs/ledger.md).
        return FAMILIES.stream().collect(Collectors.toMap(id -> id, id -> new Reads(
                store.readStream(family(id), 0, Long.MAX_VALUE).stream().map(event -> List.of(event.eventId(),
                        event.eventType(), event.eventVersion(), event.aggregateVersion(), event.data(),
                        event.timestamp(), event.userId(), event.erasedFields())).toList(),
                loads.load(Family.INSTANCE, family(id), LoadTarget.latest()).orElseThrow().state(),
                readModels().find(TENANT, FamilySummary.MODEL, id))));
    }

    private record Reads(List<?> events, Object state, Optional<?> summary) {
    }
}
