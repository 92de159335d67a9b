package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.admin.ProjectionAdmin;
import coop.admin.RebuildSettings;
import coop.admin.SegmentLauncher;
import coop.functions.http.HttpAdapter;
import coop.ledger.LedgerDigests;
import coop.readmodel.ReadModelQueries;
import coop.store.NoticeStore;
import coop.store.Checkpoint;
import coop.store.CheckpointStore;
import coop.store.Rebuild;
import coop.store.RebuildProgress;
import coop.store.RebuildStore;
import coop.store.StreamCatalog;
import coop.stream.FamilySummaryProjection;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.HeldSegments;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rebuild access tests share: the real {@code readModels} function, built around the deployment's own
 * parts, except that its rebuilds' asynchronous invocations wait in the queue ({@link HeldSegments}) until
 * {@link #held} is released, so that a rebuild is still running while other callers try.
 */
abstract class HeldRebuildTest {

    static final String NAME = FamilySummaryProjection.NAME;
    static final String REBUILD = "POST /projections/{projection_name}/rebuild";
    static final String PROJECTIONS = "GET /projections";

    @Inject
    ApiClient api;
    @Inject
    HttpAdapter http;
    @Inject
    ReadModelQueries queries;
    @Inject
    StreamCatalog streams;
    @Inject
    RebuildStore rebuilds;
    @Inject
    CheckpointStore checkpoints;
    @Inject
    SegmentLauncher launcher;
    @Inject
    RebuildSettings settings;
    @Inject
    Clock clock;

    @Inject
    NoticeStore notices;
    @Inject
    LedgerDigests digests;

    HeldSegments held;
    ReadModelsFunction readModels;

    @BeforeEach
    void rebuildsWaitInTheQueue() {
        held = new HeldSegments(launcher);
        readModels = new ReadModelsFunction(http, queries,
                new ProjectionAdmin(streams, rebuilds, checkpoints, held, settings, clock), notices, digests);
    }

    /** Runs what was held, so that the next test finds the projection running. */
    @AfterEach
    void finishWhatWasStarted() throws InterruptedException {
        held.release();
        Optional<Rebuild> current = rebuilds.current(NAME);
        if (current.isPresent()) {
            awaitFinished(current.get().id());
        }
    }

    Answer rebuild(Map<String, String> caller) {
        return api.send(readModels, ApiCall.to(REBUILD, NAME).body("{}").as(caller));
    }

    Answer projections(Map<String, String> caller) {
        return api.send(readModels, ApiCall.to(PROJECTIONS).as(caller));
    }

    /** The id of the rebuild a 202 started. */
    static String started(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        return answer.body().path("rebuild_id").asText();
    }

    static JsonNode familySummaryEntry(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        for (JsonNode entry : answer.body().path("projections")) {
            if (entry.path("projection_name").asText().equals(NAME)) {
                return entry;
            }
        }
        throw new AssertionError("no family-summary entry in " + answer);
    }

    /** Waits until that rebuild is finished and the projection running again (its last segment sets the status). */
    RebuildProgress awaitFinished(String rebuildId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Optional<RebuildProgress> progress = rebuilds.progress(NAME)
                    .filter(current -> current.rebuildId().equals(rebuildId) && current.finishedAt().isPresent());
            if (progress.isPresent()
                    && checkpoints.find(NAME).orElseThrow().status() == Checkpoint.Status.RUNNING) {
                return progress.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rebuild " + rebuildId + " did not finish: " + rebuilds.progress(NAME));
    }
}
