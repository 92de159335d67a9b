package coop.domain.family;

/**
 * The family's payment standing, as the HTTP API defines it: {@code NONE} before any {@link PaymentDue};
 * {@code DUE} while money is owed and no {@link PaymentOverdue} came since the balance last rose above zero;
 * {@code OVERDUE} after a {@link PaymentOverdue} while money is still owed; {@code PAID} once nothing is owed.
 */
public enum PaymentStatus {
    NONE,
    DUE,
    OVERDUE,
    PAID
}
