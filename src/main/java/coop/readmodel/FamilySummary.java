package coop.readmodel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import coop.domain.family.Family;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The family summary read model, as {@code GET /families/{family_id}/summary} serves it (snake_case through
 * {@code Json.mapper()}): the Family state fields of the API, flat, plus the last event applied. A view of the
 * state rather than a copy of its fields: the components that rules, triggers and the scheduler keep for
 * themselves are left out of the answer. Like the state, it lists only the recent payments (see
 * {@link FamilyState#RECENT_PAYMENTS}), so a row never outgrows an item.
 *
 * @param aggregateVersion the version of the last event applied
 * @param updatedAt        when that event was recorded, so that a rebuild yields the very same row
 */
public record FamilySummary(
        @JsonUnwrapped
        @JsonIgnoreProperties({"dues", "status_before_withdrawal", "vacation_start_date", "personal_data_erased"})
        FamilyState state,
        long aggregateVersion,
        Instant updatedAt) {

    /** The read model's name in the read-models table. */
    public static final String MODEL = "family_summary";

    /** The listing a summary of this payment status belongs to. */
    public static String listing(PaymentStatus status) {
        return "payment_status#" + status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state's fields that are null because the family's personal data was erased, as the state's own
     * {@code erased_fields} names them; left out while nothing is erased. A row the stream has not yet rewritten
     * since the erasure reads with those values null already, and gains the list with its rewrite.
     */
    @JsonProperty("erased_fields")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> erasedFields() {
        return state.personalDataErased() ? Family.INSTANCE.personalStateFields() : List.of();
    }

    public static FamilySummary of(FamilyState state, long version, Instant updatedAt) {
        return new FamilySummary(state, version, updatedAt);
    }
}
