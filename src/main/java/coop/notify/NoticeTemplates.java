package coop.notify;

import coop.domain.family.NoticeKind;

import java.util.Map;

/** The wording every tenant gets for each notice. */
public final class NoticeTemplates {

    private static final Map<NoticeKind, NoticeTemplate> DEFAULTS = Map.of(
            NoticeKind.PAYMENT_REMINDER, template("{{coop}}: {{amount}} due on {{date}}",
                    "a payment of {{amount}} is due on {{date}}. Paying by then keeps the portal open."),
            NoticeKind.PAYMENT_OVERDUE, template("{{coop}}: the payment due on {{date}} is overdue",
                    "the payment of {{amount}} that was due on {{date}} has not reached us. The balance owed is "
                            + "{{balance}}."),
            NoticeKind.PORTAL_LOCKED, template("{{coop}}: your portal access is locked",
                    "on {{date}} your portal access was locked because a payment is overdue. The balance owed is "
                            + "{{balance}}; the portal opens again as soon as it is paid."),
            NoticeKind.PORTAL_RESTORED, template("{{coop}}: your portal access is restored",
                    "on {{date}} your portal access was restored. Thank you."),
            NoticeKind.PAYMENT_RECEIPT, template("{{coop}}: we received {{amount}}",
                    "we received your payment of {{amount}} on {{date}}. The balance owed is now {{balance}}."));

    private NoticeTemplates() {
    }

    public static NoticeTemplate of(NoticeKind kind) {
        return DEFAULTS.get(kind);
    }

    private static NoticeTemplate template(String subject, String sentence) {
        String text = "Dear {{family}},\n\n" + sentence.substring(0, 1).toUpperCase() + sentence.substring(1)
                + "\n\n{{coop}}\n";
        String html = "<p>Dear {{family}},</p><p>" + sentence.substring(0, 1).toUpperCase() + sentence.substring(1)
                + "</p><p>{{coop}}</p>";
        return new NoticeTemplate(subject, text, html);
    }
}
