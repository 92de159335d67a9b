package coop.stream;

import coop.domain.family.Child;
import coop.domain.family.PaymentStatus;
import coop.readmodel.FamilySummary;
import coop.testing.RawTables;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary row of a family whose personal data was erased: from the moment the key is gone it reads with its
 * personal values null (each is sealed on its own) and stays listed; the stream batch that carries
 * {@code PersonalDataErased} then rewrites it from the folded state, at the erasure's version.
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

    @Test
    void between_the_erasure_and_the_next_stream_batch_the_summary_answers_with_personal_fields_null() {
        enroll("window", "Martinez");
        append("window", "ChildAdded", Map.of("child_name", "Lucia", "age", 8, "grade", 3));
        due("window", 300, "2024-10-01");
        deliverAll();
        FamilySummary before = summary("window");
        PaymentStatus status = before.state().paymentStatus();

        assertThat(erasures.erase(TENANT, "window", "request", "admin-1")).isPresent();

        FamilySummary erased = queries.familySummary(TENANT, "window")
                .orElseThrow(() -> new AssertionError("GET /families/window/summary answered 404 before the stream ran"));
        assertThat(erased.state().familyName()).isNull();
        assertThat(erased.state().children()).singleElement().isEqualTo(new Child(null, null, null));
        assertThat(erased.state().totalDue()).isEqualByComparingTo(new BigDecimal("300"));
        assertThat(erased.state().paymentStatus()).isEqualTo(status);
        assertThat(erased.aggregateVersion()).as("the row is not rewritten yet").isEqualTo(before.aggregateVersion());
        assertThat(queries.familiesByPaymentStatus(TENANT, status, 10, Optional.empty()).families())
                .filteredOn(listed -> listed.state().familyId().equals("window")).singleElement()
                .isEqualTo(erased);
        assertThat(RawTables.find(dynamo, tables, "Martinez")).isEmpty();
        assertThat(RawTables.find(dynamo, tables, "Lucia")).isEmpty();

        deliverAll();

        FamilySummary rewritten = summary("window");
        assertThat(rewritten.state().familyName()).isNull();
        assertThat(rewritten.state().children()).singleElement().isEqualTo(new Child(null, null, null));
        assertThat(rewritten.aggregateVersion()).isEqualTo(before.aggregateVersion() + 1);
        assertThat(rewritten.erasedFields()).as("the rewritten row says which values the erasure took")
                .contains("family_name", "children.child_name");
        assertThat(before.erasedFields()).isEmpty();
        assertThat(rewritten).isEqualTo(expectedSummary("window"));
        assertThat(RawTables.find(dynamo, tables, "Martinez")).isEmpty();
    }
}
