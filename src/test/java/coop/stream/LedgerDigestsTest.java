package coop.stream;

import coop.ledger.Digest;
import coop.ledger.DigestCheck;
import coop.ledger.DigestPage;
import coop.ledger.DigestProofs;
import coop.ledger.LedgerDigests;
import coop.store.dynamodb.EventItems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Digests taken from the stream heads, stored with their leaves, read back per tenant and listed newest first. */
class LedgerDigestsTest extends StreamTest {

    private LedgerDigests digests;
    /** The locked copies, by tenant/digest_id: the S3 archive itself is DigestArchiveTest's. */
    private final Map<String, String> kept = new ConcurrentHashMap<>();

    @Override
    List<Subscriber> subscribers() {
        return List.of(familySummary, new StreamHeadsProjection(readModels, true));
    }

    @BeforeEach
    void twoFamiliesOnTheHeads() {
        digests = new LedgerDigests(readModels, (tenant, id, json) -> kept.put(tenant + "/" + id, json), clock);
        enroll("chen", "Chen Family");
        enroll("martinez", "Martinez Family");
        due("martinez", 120, "2024-09-15");
        deliverAll();
    }

    @Test
    void a_digest_is_stored_with_its_leaves_and_read_back_only_in_its_tenant() {
        Digest taken = digests.take(TENANT);

        assertThat(taken.streams()).isEqualTo(2);
        assertThat(taken.root()).matches("[0-9a-f]{64}").isEqualTo(taken.tree().root());
        assertThat(digests.find(TENANT, taken.digestId())).contains(taken);
        assertThat(digests.find("another-coop", taken.digestId())).isEmpty();
        assertThat(kept.get(TENANT + "/" + taken.digestId())).contains(taken.root());
    }

    @Test
    void a_stored_digest_catches_the_last_event_deleted_and_another_appended_in_its_place() {
        String digestId = digests.take(TENANT).digestId();
        dynamo.deleteItem(request -> request.tableName(tables.name("EventsTable")).key(Map.of(
                EventItems.STREAM_ID, AttributeValue.fromS(EventItems.streamKey(family("martinez"))),
                EventItems.VERSION, AttributeValue.fromN("2"))));
        due("martinez", 1, "2024-09-15");
        deliverAll();

        Digest stored = digests.find(TENANT, digestId).orElseThrow();
        DigestCheck martinez = new DigestProofs(store).check(family("martinez"), stored.tree(), stored.root());
        DigestCheck chen = new DigestProofs(store).check(family("chen"), stored.tree(), stored.root());

        assertThat(martinez.problem()).contains(DigestCheck.HEAD_REWRITTEN);
        assertThat(chen.verified()).isTrue();
        // The head row never changes at a version it already holds, so a later digest does not adopt the
        // replacement either: it records the hash first delivered at version 2 and catches it too.
        Digest later = digests.take(TENANT);
        assertThat(later.root()).isEqualTo(stored.root());
        assertThat(new DigestProofs(store).check(family("martinez"), later.tree(), later.root()).problem())
                .contains(DigestCheck.HEAD_REWRITTEN);
    }

    @Test
    void digests_are_listed_newest_first_page_by_page() {
        Digest first = digests.take(TENANT);
        clock.advance(Duration.ofMinutes(1));
        Digest second = digests.take(TENANT);
        clock.advance(Duration.ofMinutes(1));
        Digest third = digests.take(TENANT);

        DigestPage page = digests.list(TENANT, 2, Optional.empty());
        DigestPage rest = digests.list(TENANT, 2, page.nextPageToken());

        assertThat(page.digests()).containsExactly(third, second);
        assertThat(rest.digests()).containsExactly(first);
        assertThat(rest.nextPageToken()).isEmpty();
        assertThat(digests.list("another-coop", 10, Optional.empty()).digests()).isEmpty();
    }
}
