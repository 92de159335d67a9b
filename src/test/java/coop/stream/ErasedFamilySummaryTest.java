package coop.stream;

import coop.domain.family.PaymentStatus;
import coop.readmodel.FamilySummary;
import coop.testing.RawTables;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary row of a family whose personal data was erased: sealed under the erased key, it no longer opens; the
 * stream batch that carries {@code PersonalDataErased} rewrites it from the folded state, so that
 * {@code GET /families/{id}/summary} answers with the personal fields null (not a 404), and the listings still list it.
 */
class ErasedFamilySummaryTest extends SealedStreamTest {

    @Test
    void after_an_erasure_the_stream_rewrites_the_summary_with_personal_fields_null() {
        enroll("erased", "Nakamura");
        append("erased", "ChildAdded", Map.of("child_name", "Aiko", "age", 9, "grade", 4));
        due("erased", 450, "2024-10-01");
        received("erased", 200, "2024-10-02");
        deliverAll();
        assertThat(summary("erased").state().familyName()).isEqualTo("Nakamura");
        assertThat(RawTables.find(dynamo, tables, "Nakamura")).as("the row is sealed").isEmpty();

        assertThat(erasures.erase(TENANT, "erased", "request", "admin-1")).isPresent();
        deliverAll();

        Optional<FamilySummary> answered = queries.familySummary(TENANT, "erased");
        assertThat(answered).as("GET /families/erased/summary answers 200").isPresent();
        FamilySummary summary = answered.get();
        assertThat(summary.state().familyName()).isNull();
        assertThat(summary.state().children()).singleElement().satisfies(child -> {
            assertThat(child.childName()).isNull();
            assertThat(child.age()).isNull();
            assertThat(child.grade()).isNull();
        });
        assertThat(summary.state().totalDue()).isEqualByComparingTo(new BigDecimal("450"));
        assertThat(summary.state().totalReceived()).isEqualByComparingTo(new BigDecimal("200"));
        assertThat(summary.aggregateVersion()).isEqualTo(5);
        assertThat(summary).isEqualTo(expectedSummary("erased"));
        assertThat(queries.familiesByPaymentStatus(TENANT, summary.state().paymentStatus(), 10, Optional.empty()).families())
                .extracting(listed -> listed.state().familyId()).contains("erased");
    }

    @Test
    void a_family_erased_before_the_stream_saw_it_gets_a_summary_with_personal_fields_null() {
        enroll("late", "Okafor");
        due("late", 300, "2024-10-01");
        assertThat(erasures.erase(TENANT, "late", "retention", "scheduler:erase-withdrawn-families")).isPresent();
        deliverAll();

        FamilySummary summary = queries.familySummary(TENANT, "late").orElseThrow();
        assertThat(summary.state().familyName()).isNull();
        assertThat(summary.state().paymentStatus()).isNotEqualTo(PaymentStatus.OVERDUE);
        assertThat(summary.aggregateVersion()).isEqualTo(3);
    }
}
