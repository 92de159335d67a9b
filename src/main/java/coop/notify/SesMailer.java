package coop.notify;

import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends through SES v2 {@code SendEmail} from one verified identity, the only one the template lets the functions
 * send from. SES takes no idempotency token, which is why the notices table claims each notice before this runs.
 */
public final class SesMailer implements Mailer {

    private final SesV2Client ses;
    private final String fromAddress;

    public SesMailer(SesV2Client ses, String fromAddress) {
        this.ses = ses;
        this.fromAddress = fromAddress;
    }

    @Override
    public String send(String to, NoticeMessage message) {
        return ses.sendEmail(request -> request.fromEmailAddress(fromAddress)
                .destination(destination -> destination.toAddresses(to))
                .content(content -> content.simple(simple -> simple
                        .subject(subject -> subject.data(message.subject()).charset("UTF-8"))
                        .body(body -> body
                                .text(text -> text.data(message.text()).charset("UTF-8"))
                                .html(html -> html.data(message.html()).charset("UTF-8"))))))
                .messageId();
    }
}
