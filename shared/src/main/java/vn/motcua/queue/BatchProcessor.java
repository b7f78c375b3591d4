package vn.motcua.queue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vn.motcua.log.Log;

/**
 * The loop every SQS consumer shares: each record is handled on its own; one that throws is
 * logged and reported in {@code batchItemFailures}, so only it comes back (the event source
 * needs {@code FunctionResponseTypes: [ReportBatchItemFailures]}). After the queue's
 * maxReceiveCount (5) a record that keeps failing moves to the DLQ. Handlers must therefore be
 * idempotent: SQS delivers at least once.
 */
public final class BatchProcessor {

    private final Log log;

    public BatchProcessor(Class<?> consumer) {
        this.log = Log.of(consumer);
    }

    public SQSBatchResponse process(SQSEvent event, Context context, Consumer<SQSEvent.SQSMessage> handler) {
        Log.bindRequest(context == null ? null : context.getAwsRequestId());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        try {
            for (SQSEvent.SQSMessage message : records) {
                long start = System.nanoTime();
                try {
                    handler.accept(message);
                    log.info("message processed", "messageId", message.getMessageId(),
                            "durationMs", (System.nanoTime() - start) / 1_000_000);
                } catch (RuntimeException e) {
                    log.error("message failed", e, "messageId", message.getMessageId(),
                            "receiveCount", receiveCount(message));
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(message.getMessageId()).build());
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        } finally {
            Log.unbindRequest();
        }
    }

    private static String receiveCount(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
    }
}
