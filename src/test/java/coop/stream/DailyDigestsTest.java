package coop.stream;

import coop.ledger.Digest;
import coop.ledger.LedgerDigests;
import coop.schedule.DailyDigests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly schedule takes one digest of each tenant a day, and none twice in a day, from the stream heads. */
class DailyDigestsTest extends StreamTest {

    private static final String SOUTH = "coop-south";

    private final Map<String, String> kept = new ConcurrentHashMap<>();
    private LedgerDigests digests;
    private DailyDigests daily;

    @Override
    List<Subscriber> subscribers() {
        return List.of(familySummary, new StreamHeadsProjection(readModels, true));
    }

    @BeforeEach
    void twoTenants() {
        digests = new LedgerDigests(readModels, (tenant, id, json) -> kept.put(tenant + "/" + id, json), clock);
        daily = new DailyDigests(readModels, digests, clock);
        enroll("chen", "Chen Family");
        due("chen", 120, "2024-09-15");
        enroll("martinez", "Martinez Family");
        deliverAll();
        readModels.registerTenant(SOUTH);
    }

    @Test
    void each_tenant_gets_one_digest_a_day_over_its_heads_and_a_rerun_the_same_day_takes_none() {
        List<Digest> first = daily.takeWhereNoneToday();

        assertThat(first).hasSize(2);
        Digest north = newest(TENANT).orElseThrow();
        assertThat(north.streams()).isEqualTo(2);
        assertThat(north.leaves()).extracting(leaf -> leaf.stream() + "@" + leaf.version())
                .containsExactly("Family/chen@2", "Family/martinez@1");
        assertThat(newest(SOUTH).orElseThrow().streams()).isZero();
        assertThat(kept).containsKeys(TENANT + "/" + north.digestId());

        clock.advance(Duration.ofHours(13));
        assertThat(daily.takeWhereNoneToday()).as("the same UTC day").isEmpty();

        clock.advance(Duration.ofHours(12));
        List<Digest> nextDay = daily.takeWhereNoneToday();
        assertThat(nextDay).hasSize(2);
        assertThat(digests.list(TENANT, 10, Optional.empty()).digests()).hasSize(2);
        assertThat(kept).hasSize(4);
    }

    @Test
    void a_digest_taken_through_the_api_that_day_counts_as_the_days() {
        digests.take(TENANT);

        List<Digest> taken = daily.takeWhereNoneToday();

        assertThat(taken).hasSize(1);
        assertThat(digests.list(TENANT, 10, Optional.empty()).digests()).hasSize(1);
        assertThat(newest(SOUTH)).isPresent();
    }

    private Optional<Digest> newest(String tenant) {
        return digests.list(tenant, 1, Optional.empty()).digests().stream().findFirst();
    }
}
