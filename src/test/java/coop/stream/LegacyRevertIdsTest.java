package coop.stream;

import coop.app.AppendRequest;
import coop.app.DerivedIds;
import coop.app.ProposedEvent;
import coop.app.RevertPreview;
import coop.app.RevertPreviews;
import coop.app.RevertResult;
import coop.app.Reverts;
import coop.domain.family.Family;
import coop.domain.family.PortalAccess;
import coop.store.ExpectedVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revert compensations moved into the reserved namespace of derived ids; one stored by an earlier release, under the
 * ids of the time, still counts, so reverting its correlation again does not compensate anew.
 */
class LegacyRevertIdsTest extends StreamTest {

    private Reverts reverts() {
        return new Reverts(types, store, codec, events);
    }

    private void appendAs(String eventId, String eventType, Map<String, Object> data, String userId,
                          String correlationId, Optional<String> causationId) {
        clock.advance(java.time.Duration.ofSeconds(1));
        events.append(new AppendRequest(TENANT, Family.NAME, "okafor", ExpectedVersion.any(),
                List.of(new ProposedEvent(Optional.of(eventId), eventType, Optional.empty(), data)), userId,
                Optional.of(correlationId), causationId));
    }

    @Test
    void a_compensation_stored_under_the_old_ids_counts_and_a_later_lock_stays() {
        enroll("okafor", "Okafor Family");
        appendAs("lock-1", "PortalAccessLocked", Map.of("reason", "by mistake"), "coordinator-1", "mistake",
                Optional.empty());
        String legacyId = DerivedIds.legacy(TENANT + "/lock-1/revert");
        appendAs(legacyId, "PortalAccessRestored", Map.of("reason", "reverted"), "admin-1",
                DerivedIds.legacy(TENANT + "/mistake/revert"), Optional.of("lock-1"));
        appendAs("lock-2", "PortalAccessLocked", Map.of("reason", "dues unpaid"), "coordinator-1", "later",
                Optional.empty());
        deliverAll();

        RevertPreview preview = new RevertPreviews(types, store, aggregates, codec)
                .preview(TENANT, "mistake", "once more").orElseThrow();
        RevertResult again = reverts().revert(TENANT, "mistake", "once more", "admin-1").orElseThrow();

        assertThat(preview.wouldAppend()).isEmpty();
        assertThat(preview.alreadyReverted()).extracting(RevertResult.Reverted::compensatingEventId)
                .containsExactly(legacyId);
        assertThat(again.appended()).isFalse();
        assertThat(again.skipped()).isEmpty();
        assertThat(again.reverted()).singleElement()
                .satisfies(reverted -> assertThat(reverted.compensatingEventId()).isEqualTo(legacyId));
        assertThat(history("okafor")).hasSize(4);
        deliverAll();
        assertThat(summary("okafor").state().portalAccess()).isEqualTo(PortalAccess.LOCKED);
    }

    @Test
    void an_old_id_held_by_something_else_no_longer_blocks_the_revert() {
        enroll("okafor", "Okafor Family");
        appendAs("lock-1", "PortalAccessLocked", Map.of("reason", "by mistake"), "coordinator-1", "mistake",
                Optional.empty());
        appendAs(DerivedIds.legacy(TENANT + "/lock-1/revert"), "ChildAdded", Map.of("child_name", "Squatter"),
                "coordinator-1", "squat", Optional.empty());

        RevertResult result = reverts().revert(TENANT, "mistake", "locked by mistake", "admin-1").orElseThrow();

        assertThat(result.appended()).isTrue();
        assertThat(result.reverted()).singleElement().satisfies(reverted -> assertThat(
                reverted.compensatingEventId()).startsWith(DerivedIds.NAMESPACE));
        deliverAll();
        assertThat(summary("okafor").state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }
}
