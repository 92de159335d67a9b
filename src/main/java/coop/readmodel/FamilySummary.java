package coop.readmodel;

import coop.domain.family.Child;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyStatus;
import coop.domain.family.Payment;
import coop.domain.family.PaymentStatus;
import coop.domain.family.PortalAccess;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The family summary read model, as {@code GET /families/{family_id}/summary} serves it (snake_case through
 * {@code Json.mapper()}): the Family state fields of the API plus the last event applied. Like the state, it lists
 * only the recent payments (see {@link FamilyState#RECENT_PAYMENTS}), so a row never outgrows an item.
 *
 * @param email            the contact address (personal: the row is stored sealed, like the names)
 * @param optedOutNotices  the notices the family chose not to receive
 * @param aggregateVersion the version of the last event applied
 * @param updatedAt        when that event was recorded, so that a rebuild yields the very same row
 */
public record FamilySummary(
        String familyId,
        String familyName,
        FamilyStatus status,
        LocalDate enrollmentDate,
        List<Child> children,
        List<Payment> payments,
        long paymentCount,
        BigDecimal totalDue,
        BigDecimal totalReceived,
        PaymentStatus paymentStatus,
        BigDecimal balanceDue,
        PortalAccess portalAccess,
        int engagementScore,
        LocalDate withdrawalDate,
        String email,
        List<String> optedOutNotices,
        long aggregateVersion,
        Instant updatedAt) {

    /** The read model's name in the read-models table. */
    public static final String MODEL = "family_summary";

    /** The listing a summary of this payment status belongs to. */
    public static String listing(PaymentStatus status) {
        return "payment_status#" + status.name().toLowerCase(Locale.ROOT);
    }

    public static FamilySummary of(FamilyState state, long version, Instant updatedAt) {
        return new FamilySummary(state.familyId(), state.familyName(), state.status(), state.enrollmentDate(),
                state.children(), state.payments(), state.paymentCount(), state.totalDue(), state.totalReceived(),
                state.paymentStatus(), state.balanceDue(), state.portalAccess(),
                state.engagementScore(), state.withdrawalDate(), state.email(), state.optedOutNotices(), version,
                updatedAt);
    }
}
