package coop.notify;

import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.NoticeKind;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentOverdue;
import coop.domain.family.PaymentReceived;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Which notice an event calls for, and the values its template names. */
public final class NoticeFacts {

    private NoticeFacts() {
    }

    /** The notice a stored event type calls for on the stream; the reminder comes from the schedule instead. */
    public static Optional<NoticeKind> kindOf(String eventType) {
        return Optional.ofNullable(switch (eventType) {
            case "PaymentOverdue" -> NoticeKind.PAYMENT_OVERDUE;
            case "PortalAccessLocked" -> NoticeKind.PORTAL_LOCKED;
            case "PortalAccessRestored" -> NoticeKind.PORTAL_RESTORED;
            case "PaymentReceived" -> NoticeKind.PAYMENT_RECEIPT;
            default -> null;
        });
    }

    /**
     * The template's values: the co-op, the family, and the amount and date the event names (the day it was
     * recorded, for the portal notices), with the balance the family owes now.
     */
    public static Map<String, String> values(String coop, FamilyEvent event, LocalDate recordedOn,
                                             FamilyState family) {
        String amount = "";
        LocalDate date = recordedOn;
        switch (event) {
            case PaymentDue(BigDecimal dueAmount, LocalDate dueDate) -> {
                amount = money(dueAmount);
                date = dueDate;
            }
            case PaymentOverdue(BigDecimal dueAmount, LocalDate dueDate) -> {
                amount = money(dueAmount);
                date = dueDate;
            }
            case PaymentReceived received -> {
                amount = money(received.amount());
                date = received.date();
            }
            default -> {
                // the portal notices: the day it happened and the balance say it all
            }
        }
        return Map.of("coop", coop, "family", family.familyName() == null ? "family" : family.familyName(),
                "amount", amount, "date", date.toString(), "balance", money(family.balanceDue().max(BigDecimal.ZERO)));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
