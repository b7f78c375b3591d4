package vn.motcua.queue;

import static vn.motcua.json.EventJson.text;
import static vn.motcua.json.EventJson.textMap;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.motcua.json.EventJson;

/**
 * An SQS event source's batch, read through {@link EventJson} (why: there), and the partial
 * batch answer written. Only what {@link BatchProcessor} and the consumers use is read: the
 * message id, body and attributes, and where it came from.
 *
 * <p>Strict: a batch without "Records", or with a record that is not an object with a messageId,
 * is refused (IOException), so the invocation fails and SQS delivers the whole batch again. Read
 * leniently, such a batch would be answered with no failures, and SQS would delete messages
 * nobody processed.
 */
public final class SqsEventJson {

    /** A batch of no messages: what a consumer primes its path with before a SnapStart snapshot. */
    public static final String EMPTY_BATCH = "{\"Records\":[]}";

    private SqsEventJson() {
    }

    public static SQSEvent read(InputStream in) throws IOException {
        Map<String, Object> root = EventJson.read(in, "SQS");
        if (!(root.get("Records") instanceof List<?> records)) {
            throw new IOException("An SQS event has a \"Records\" array");
        }
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Object item : records) {
            Map<String, Object> record = EventJson.map(item);
            if (record == null || !(record.get("messageId") instanceof String)) {
                throw new IOException("Every SQS record is an object with a messageId");
            }
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(text(record.get("messageId")));
            message.setReceiptHandle(text(record.get("receiptHandle")));
            message.setBody(text(record.get("body")));
            message.setMd5OfBody(text(record.get("md5OfBody")));
            message.setAttributes(textMap(record.get("attributes")));
            message.setEventSource(text(record.get("eventSource")));
            message.setEventSourceArn(text(record.get("eventSourceARN")));
            message.setAwsRegion(text(record.get("awsRegion")));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** {@code {"batchItemFailures":[{"itemIdentifier":"…"}]}}: what ReportBatchItemFailures reads. */
    public static void write(SQSBatchResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = EventJson.writer(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            if (response.getBatchItemFailures() != null) {
                for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    json.writeStartObject();
                    json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
