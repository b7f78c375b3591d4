package vn.motcua.notifications.function;

import java.util.Map;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import vn.motcua.log.Log;
import vn.motcua.notification.Notification;
import vn.motcua.notification.NotificationText;

/** In AWS: email through SES when the citizen gave an address, SMS through SNS otherwise. */
public final class AwsSender implements Sender {

    private static final Log LOG = Log.of(AwsSender.class);
    /** Transactional SMS are delivered ahead of promotional ones and to numbers that opted out of marketing. */
    private static final Map<String, MessageAttributeValue> SMS_ATTRIBUTES = Map.of("AWS.SNS.SMS.SMSType",
            MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());

    private final SesClient ses;
    private final SnsClient sns;
    private final String from;

    public AwsSender(SesClient ses, SnsClient sns, String from) {
        this.ses = ses;
        this.sns = sns;
        this.from = from;
    }

    @Override
    public void send(Notification n, NotificationText.Message message) {
        if (n.email() != null) {
            ses.sendEmail(b -> b.source(from)
                    .destination(d -> d.toAddresses(n.email()))
                    .message(m -> m.subject(c -> c.charset("UTF-8").data(message.subject()))
                            .body(body -> body.text(c -> c.charset("UTF-8").data(message.body())))));
        } else if (n.phone() != null) {
            sns.publish(b -> b.phoneNumber(n.phone()).message(message.body()).messageAttributes(SMS_ATTRIBUTES));
        } else {
            LOG.warn("notification has neither email nor phone; nothing sent", "dedupKey", n.dedupKey());
        }
    }
}
