package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.motcua.document.S3EventJson;
import vn.motcua.local.LambdaWire;
import vn.motcua.queue.SqsEventJson;

/**
 * The functions' own readers of SQS and S3 events against the Lambda runtime's serialisation
 * (which aws-lambda-java-tests' EventLoader uses), on the samples in events/ and on what the
 * local stack sends (SQS batches it polls, S3 notifications): every field a function uses comes
 * out the same; a batch that cannot be read fails the invocation.
 */
class EventReadersTest {

    static Stream<Path> samples(String source) throws IOException {
        try (Stream<Path> files = Files.list(EventsTest.EVENTS)) {
            return files.filter(f -> read(f).contains("\"" + source + "\"")).toList().stream();
        }
    }

    static Stream<Path> sqsSamples() throws IOException {
        return samples("aws:sqs");
    }

    static Stream<Path> s3Samples() throws IOException {
        return samples("aws:s3");
    }

    @ParameterizedTest
    @MethodSource("sqsSamples")
    void anSqsBatchReadsAsTheRuntimeReadsIt(Path file) throws IOException {
        SQSEvent runtime = EventLoader.loadSQSEvent(file.toAbsolutePath().toString());
        SQSEvent ours = SqsEventJson.read(Files.newInputStream(file));

        assertThat(ours.getRecords()).hasSameSizeAs(runtime.getRecords()).isNotEmpty();
        for (int i = 0; i < ours.getRecords().size(); i++) {
            SQSEvent.SQSMessage a = ours.getRecords().get(i);
            SQSEvent.SQSMessage b = runtime.getRecords().get(i);
            assertThat(a.getMessageId()).isEqualTo(b.getMessageId()).isNotBlank();
            assertThat(a.getBody()).isEqualTo(b.getBody()).isNotBlank();
            assertThat(a.getAttributes()).isEqualTo(b.getAttributes());
            assertThat(a.getReceiptHandle()).isEqualTo(b.getReceiptHandle());
            assertThat(a.getEventSourceArn()).isEqualTo(b.getEventSourceArn()).startsWith("arn:aws:sqs:");
            assertThat(a.getAwsRegion()).isEqualTo(b.getAwsRegion());
        }
    }

    @ParameterizedTest
    @MethodSource("s3Samples")
    void anS3NotificationReadsAsTheRuntimeReadsIt(Path file) throws IOException {
        S3Event runtime = EventLoader.loadS3Event(file.toAbsolutePath().toString());
        S3Event ours = S3EventJson.read(Files.newInputStream(file));

        assertSameUploads(ours, runtime);
    }

    @Test
    void whatTheLocalStackSendsReadsBackTheSame() throws IOException {
        // The local stack's S3 notification, through the runtime's serialiser, then our reader.
        S3EventNotification.S3ObjectEntity object = new S3EventNotification.S3ObjectEntity(
                "applications/HN-7K3F-9QXA-M2P5-R8TK/doc-1", 1234L, "etag", null, "0001");
        var owner = new S3EventNotification.UserIdentityEntity("local");
        S3Event sent = new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("ap-southeast-1",
                "ObjectCreated:Put", "aws:s3", "2026-11-24T01:00:00.000Z", "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"),
                new S3EventNotification.S3Entity("c", new S3EventNotification.S3BucketEntity("docs", owner,
                        "arn:aws:s3:::docs"), object, "1.0"), owner)));

        assertSameUploads(S3EventJson.read(new ByteArrayInputStream(LambdaWire.encode(sent))), sent);
    }

    @Test
    void whatTheLocalStackPollsFromSqsReadsBackTheSame() throws IOException {
        Message polled = Message.builder().messageId("m-1").receiptHandle("r-1").body("{\"trackingCode\":\"x\"}")
                .md5OfBody("md5").attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2")).build();
        SQSEvent sent = SystemStack.get().sqsEvent("IntakeQueue", List.of(polled));

        SQSEvent read = SqsEventJson.read(new ByteArrayInputStream(LambdaWire.encode(sent)));

        assertThat(read.getRecords()).singleElement().satisfies(m -> {
            SQSEvent.SQSMessage original = sent.getRecords().get(0);
            assertThat(m.getMessageId()).isEqualTo("m-1");
            assertThat(m.getBody()).isEqualTo(original.getBody());
            assertThat(m.getAttributes()).containsEntry("ApproximateReceiveCount", "2").isEqualTo(original.getAttributes());
            assertThat(m.getEventSourceArn()).isEqualTo(original.getEventSourceArn()).endsWith("IntakeQueue");
            assertThat(m.getReceiptHandle()).isEqualTo("r-1");
        });
    }

    @Test
    void anSqsBatchThatCannotBeReadFailsTheInvocationRatherThanLosingMessages() {
        for (String batch : List.of("{}", "{\"Records\":{}}", "{\"Records\":[1]}", "{\"Records\":[{\"body\":\"x\"}]}")) {
            assertThatThrownBy(() -> SqsEventJson.read(new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8))))
                    .as(batch).isInstanceOf(IOException.class);
        }
    }

    @Test
    void thePartialBatchAnswerIsWhatTheRuntimeWouldWrite() throws IOException {
        SQSBatchResponse response = SQSBatchResponse.builder().withBatchItemFailures(List.of(
                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("m-2").build())).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SqsEventJson.write(response, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");
        assertThat(LambdaWire.decode(SQSBatchResponse.class, out.toByteArray())).isEqualTo(response);
    }

    @Test
    void whatIsNotAnEventIsRefused() {
        InputStream array = new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SqsEventJson.read(array)).isInstanceOf(IOException.class).hasMessageContaining("SQS");
        InputStream text = new ByteArrayInputStream("\"x\"".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> S3EventJson.read(text)).isInstanceOf(IOException.class).hasMessageContaining("S3");
    }

    private static void assertSameUploads(S3Event ours, S3Event runtime) {
        assertThat(ours.getRecords()).hasSameSizeAs(runtime.getRecords()).isNotEmpty();
        for (int i = 0; i < ours.getRecords().size(); i++) {
            var a = ours.getRecords().get(i);
            var b = runtime.getRecords().get(i);
            assertThat(a.getEventName()).isEqualTo(b.getEventName()).startsWith("ObjectCreated");
            assertThat(a.getEventSource()).isEqualTo(b.getEventSource());
            assertThat(a.getAwsRegion()).isEqualTo(b.getAwsRegion());
            assertThat(a.getS3().getBucket().getName()).isEqualTo(b.getS3().getBucket().getName()).isNotBlank();
            assertThat(a.getS3().getObject().getKey()).isEqualTo(b.getS3().getObject().getKey()).isNotBlank();
            assertThat(a.getS3().getObject().getSizeAsLong()).isEqualTo(b.getS3().getObject().getSizeAsLong());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
