package vn.motcua.queue;

import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.json.Json;

/** The intake queue on SQS (env INTAKE_QUEUE_URL). */
public final class SqsIntakeQueue implements IntakeQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsIntakeQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(IntakeMessage message) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(message)));
    }
}
