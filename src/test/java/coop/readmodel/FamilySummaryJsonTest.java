package coop.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.domain.family.Child;
import coop.domain.family.DuePayment;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyStatus;
import coop.domain.family.Payment;
import coop.domain.family.PaymentStatus;
import coop.domain.family.PortalAccess;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary is a view of the Family state, not a copy of its fields: what {@code GET /families/{id}/summary}
 * answers stays the flat object it always was, and the state's own bookkeeping stays out of it.
 */
class FamilySummaryJsonTest {

    private static final LocalDate ENROLLED = LocalDate.parse("2024-09-01");

    private final FamilyState state = new FamilyState("chen", "Chen", FamilyStatus.WITHDRAWN, ENROLLED,
            List.of(new Child("Mei", 9, 4)), List.of(new Payment(new BigDecimal("150"), ENROLLED, "card")), 1,
            new BigDecimal("450"), new BigDecimal("150"), PaymentStatus.OVERDUE, new BigDecimal("300"),
            PortalAccess.LOCKED, 7, LocalDate.parse("2024-11-01"),
            List.of(new DuePayment(new BigDecimal("300"), LocalDate.parse("2024-10-01"), new BigDecimal("300"), true)),
            FamilyStatus.ENROLLED, null, false, null, List.of());

    @Test
    void the_summary_answers_the_api_state_fields_flat_then_its_version_and_time() {
        JsonNode json = Json.mapper().valueToTree(FamilySummary.of(state, 5, Instant.parse("2024-11-02T10:00:00Z")));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("family_id", "family_name", "status", "enrollment_date", "children",
                "payments", "payment_count", "total_due", "total_received", "payment_status", "balance_due",
                "portal_access", "engagement_score", "withdrawal_date", "email", "opted_out_notices", "aggregate_version",
                "updated_at");
        assertThat(json.has("erased_fields")).as("nothing erased, no list").isFalse();
        assertThat(json.path("family_name").asText()).isEqualTo("Chen");
        assertThat(json.path("portal_access").asText()).isEqualTo("locked");
        assertThat(json.path("balance_due").decimalValue()).isEqualByComparingTo("300");
        assertThat(json.path("children").get(0).path("child_name").asText()).isEqualTo("Mei");
        assertThat(json.path("aggregate_version").asLong()).isEqualTo(5);
        assertThat(json.path("updated_at").asText()).isEqualTo("2024-11-02T10:00:00Z");
    }

    @Test
    void a_view_stored_by_an_earlier_release_reads_back_as_the_same_summary() throws Exception {
        FamilySummary summary = FamilySummary.of(state, 5, Instant.parse("2024-11-02T10:00:00Z"));
        String view = Json.mapper().writeValueAsString(summary);

        FamilyState read = Json.mapper().readValue(view, FamilyState.class);

        assertThat(Json.mapper().writeValueAsString(FamilySummary.of(read, 5, summary.updatedAt()))).isEqualTo(view);
    }
}
