package vn.motcua.verification.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.document.S3EventJson;
import vn.motcua.document.Verification;
import vn.motcua.log.Log;
import vn.motcua.snapstart.Primed;
import vn.motcua.snapstart.SnapStart;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.S3DocumentStore;

/**
 * The upload check on S3 ObjectCreated events (asynchronous invocation). Events that can never
 * succeed (foreign keys, unknown dossiers, objects already gone) are logged and dropped inside
 * {@link Verification}; an infrastructure failure throws, so Lambda retries the event.
 *
 * <p>The bucket comes from the event, not the environment: a function subscribed to a bucket
 * cannot also {@code !Ref} it without a circular dependency in CloudFormation.
 */
public final class VerificationHandler implements RequestStreamHandler, Primed {

    private static final Log LOG = Log.of(VerificationHandler.class);
    /** An S3 notification as S3 sends it, for priming the reader. */
    private static final String PRIMING_EVENT = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
            + "\"eventSource\":\"aws:s3\",\"awsRegion\":\"ap-southeast-1\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
            + "\"object\":{\"key\":\"applications/HN-7K3F-9QXA-M2P5-R8TK/d\",\"size\":1}}}]}";

    private final Verification verification;

    public VerificationHandler() {
        this(Config.fromEnvironment());
    }

    public VerificationHandler(Config config) {
        this(verification(config));
    }

    public VerificationHandler(Verification verification) {
        this.verification = verification;
        SnapStart.register(this);
    }

    /**
     * Its own path is the notification's reader, S3 reads and one DynamoDB write: the reader is
     * primed on a sample, the DynamoDB pipeline by {@link Primed}; S3's (REST/XML) would need a
     * fake S3 answer, not worth its code here.
     */
    @Override
    public void prime() {
        try {
            S3EventJson.read(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /**
     * What Lambda calls: the S3 notification's JSON in ({@link S3EventJson}); nothing out (an
     * asynchronous invocation's answer goes nowhere).
     */
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        handleEvent(S3EventJson.read(in), context);
    }

    /** The same event in-process, already decoded (tests). */
    public void handleEvent(S3Event event, Context context) {
        if (context != null) {
            Log.bindRequest(context.getAwsRequestId());
        }
        try {
            if (event == null || event.getRecords() == null || event.getRecords().isEmpty()) {
                LOG.warn("S3 event without records ignored");
                return;
            }
            for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
                if (record.getS3() == null || record.getS3().getBucket() == null || record.getS3().getObject() == null
                        || record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                    LOG.warn("not an S3 ObjectCreated record; ignored", "eventName", record.getEventName());
                    continue;
                }
                String bucket = record.getS3().getBucket().getName();
                String key;
                try {
                    // Keys arrive URL-encoded in S3 events, spaces as '+'.
                    key = URLDecoder.decode(String.valueOf(record.getS3().getObject().getKey()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    LOG.warn("S3 event with a malformed key ignored", "bucket", bucket);
                    continue;
                }
                Verification.Outcome outcome = verification.verify(bucket, key);
                LOG.info("upload event handled", "bucket", bucket, "key", key, "outcome", outcome);
            }
        } finally {
            Log.unbindRequest();
        }
    }

    /** Clients are built once, here, and live as long as the container (and its snapshot). */
    private static Verification verification(Config config) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        return new Verification(new ApplicationRepository(dynamoDb, clients.enhanced(dynamoDb), config.applicationsTable()),
                new S3DocumentStore(clients.s3()));
    }
}
