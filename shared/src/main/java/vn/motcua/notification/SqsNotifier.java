package vn.motcua.notification;

import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.json.Json;

/** Puts notifications on the notifications queue as JSON. */
public final class SqsNotifier implements Notifier {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNotifier(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(Notification notification) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(notification)));
    }
}
