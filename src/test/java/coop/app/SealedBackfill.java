package coop.app;

import coop.admin.Backfills;
import coop.admin.RebuildSettings;
import coop.admin.SegmentTasks;
import coop.domain.family.Family;
import coop.keys.KeyCache;
import coop.keys.KmsDataKeys;
import coop.local.ExecutorSegmentLauncher;
import coop.readmodel.FamilySummary;
import coop.store.EventBackfill;
import coop.store.Rebuild;
import coop.store.RebuildProgress;
import coop.store.RebuildStore;
import coop.store.StreamId;
import coop.store.dynamodb.DynamoDbEventBackfill;
import coop.store.dynamodb.DynamoDbRebuilds;
import coop.store.dynamodb.EventItems;
import coop.store.dynamodb.EventTableScan;
import coop.store.dynamodb.PersonalData;
import coop.store.dynamodb.StateRows;
import coop.testing.MutableClock;
import coop.testing.RequestCounter;
import coop.testing.TestDynamo;
import coop.testing.TestKms;
import coop.testing.TestTables;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sealing backfill as deployed (real KMS, the keys table, Backfills on the rebuild machinery), whose DynamoDB
 * client can refuse a rewrite of an event before it is sent, as a function that dies between writing a family's new
 * key and sealing its first event would leave things.
 */
final class SealedBackfill implements AutoCloseable {

    private final RequestCounter kmsRequests = new RequestCounter();
    private final AtomicInteger failedRewrites = new AtomicInteger();
    private final AtomicBoolean armed = new AtomicBoolean();
    private DynamoDbClient dynamo;
    private TestTables tables;
    private MutableClock clock;
    private KmsClient kms;
    private DynamoDbClient diesOnce;
    private PersonalData personal;
    private DynamoDbEventBackfill backfill;

    void open(DynamoDbClient dynamo, TestTables tables, MutableClock clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
        kms = TestKms.client(kmsRequests);
        personal = personalData(dynamo);
        diesOnce = TestDynamo.client(new DiesBeforeFirstRewrite(tables.name("EventsTable")));
        backfill = new DynamoDbEventBackfill(diesOnce, tables.storeSettings(), tables.name("ReadModelsTable"),
                personalData(diesOnce), Map.of(FamilySummary.MODEL, new StateRows(Family.NAME, Family.INSTANCE.personalStateFields())));
    }

    /** What the store and reads use: keys never cached, so every read meets the keys table and KMS. */
    PersonalData personal() {
        return personal;
    }

    DynamoDbEventBackfill backfill() {
        return backfill;
    }

    /** Starts a backfill whose pages {@code pages} does, and waits for it to finish; counts KMS requests from here. */
    Rebuild runToTheEnd(RebuildSettings settings, EventBackfill pages) throws InterruptedException {
        kmsRequests.reset();
        RebuildStore state = new DynamoDbRebuilds(dynamo, tables.name("CheckpointsTable"));
        Backfills[] backfills = new Backfills[1];
        try (var launcher = new ExecutorSegmentLauncher(task -> new SegmentTasks(null, backfills[0]).accept(task), 2)) {
            backfills[0] = new Backfills(pages, new EventTableScan(dynamo, tables.name("EventsTable")), state,
                    launcher, settings, clock);
            Rebuild started = backfills[0].start();
            for (int i = 0; i < 600; i++) {
                Optional<RebuildProgress> progress = state.progress(Backfills.NAME);
                if (progress.isPresent() && progress.get().finishedAt().isPresent()) {
                    return started;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the backfill did not finish");
    }

    List<String> kmsOperations() {
        return kmsRequests.operations();
    }

    /** The next rewrite of an event's payload is refused before it is sent. */
    void dieBeforeTheNextRewrite() {
        armed.set(true);
    }

    int failedRewrites() {
        return failedRewrites.get();
    }

    Optional<Map<String, AttributeValue>> keyItem(StreamId stream) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(tables.name("KeysTable"))
                .key(Map.of(EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(stream))))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Override
    public void close() {
        if (kms != null) {
            kms.close();
            diesOnce.close();
        }
    }

    private PersonalData personalData(DynamoDbClient client) {
        return new PersonalData(client, tables.name("KeysTable"), new KmsDataKeys(kms, TestKms.KEY_ALIAS),
                new KeyCache(clock, Duration.ZERO), new AggregateTypes(List.of(Family.INSTANCE)).personalFields(),
                clock);
    }

    /** Refuses, before sending it, the first update that rewrites an event's payload. */
    private final class DiesBeforeFirstRewrite implements ExecutionInterceptor {

        private final String eventsTable;

        DiesBeforeFirstRewrite(String eventsTable) {
            this.eventsTable = eventsTable;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest update && update.tableName().equals(eventsTable)
                    && update.expressionAttributeNames().containsValue(EventItems.EVENT_DATA)
                    && armed.compareAndSet(true, false)) {
                failedRewrites.incrementAndGet();
                throw new IllegalStateException("the function died before sealing the family's first event");
            }
        }
    }
}
