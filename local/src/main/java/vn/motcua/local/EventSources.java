package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import vn.motcua.log.Log;

/**
 * Plays Lambda's event source mappings: polls each SQS queue a function subscribes to and
 * invokes it in batches, and turns new objects in a subscribed bucket into S3 ObjectCreated
 * events.
 *
 * <p>SQS, as Lambda does it: a batch that returns normally has its messages deleted except the
 * ones listed in {@code batchItemFailures} (when the function declares ReportBatchItemFailures);
 * a batch that throws keeps them all. Kept messages come back after {@code retryDelay} (Lambda
 * waits for the visibility timeout; locally that is shortened so retries take seconds), and the
 * queue's own RedrivePolicy moves them to the DLQ after maxReceiveCount receives.
 */
final class EventSources implements AutoCloseable {

    private static final Log LOG = Log.of(EventSources.class);

    private final Template template;
    private final Resources resources;
    private final Functions functions;
    private final SqsClient sqs;
    private final S3Client s3;
    private final Duration retryDelay;
    private final ScheduledExecutorService pollers;
    private final List<Runnable> sqsPolls = new ArrayList<>();
    private final List<Runnable> s3Polls = new ArrayList<>();
    private final AtomicLong sequencer = new AtomicLong();
    private final Map<String, Duration> schedules = new java.util.LinkedHashMap<>();

    EventSources(Template template, Resources resources, Functions functions, SqsClient sqs, S3Client s3,
                 Duration retryDelay) {
        this.template = template;
        this.resources = resources;
        this.functions = functions;
        this.sqs = sqs;
        this.s3 = s3;
        this.retryDelay = retryDelay;
        for (Template.Function fn : template.functions()) {
            for (Template.Event event : fn.events("SQS")) {
                sqsPolls.add(sqsPoll(fn, event));
            }
            for (Template.Event event : fn.events("S3")) {
                s3Polls.add(s3Poll(fn, event));
            }
            for (String type : List.of("Schedule", "ScheduleV2")) {
                for (Template.Event event : fn.events(type)) {
                    rate(event).ifPresent(period -> schedules.put(fn.logicalId(), period));
                }
            }
        }
        this.pollers = Executors.newScheduledThreadPool(Math.max(1, sqsPolls.size() + s3Polls.size() + schedules.size()), r -> {
            Thread t = new Thread(r, "event-source");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling in the background, as the running local stack does. */
    void start() {
        for (Runnable poll : sqsPolls) {
            pollers.scheduleWithFixedDelay(guarded(poll), 0, 200, TimeUnit.MILLISECONDS);
        }
        for (Runnable poll : s3Polls) {
            pollers.scheduleWithFixedDelay(guarded(poll), 0, 300, TimeUnit.MILLISECONDS);
        }
        // rate(...) schedules run at their rate; cron(...) ones (the daily sweeper) only when
        // invoked, e.g. LocalStack#runSchedule(id).
        schedules.forEach((id, period) -> pollers.scheduleAtFixedRate(
                guarded(() -> functions.invoke(id, scheduledEvent(id))),
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
    }

    static java.util.Optional<Duration> rate(Template.Event event) {
        Object expression = event.properties().getOrDefault("Schedule", event.properties().get("ScheduleExpression"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)")
                .matcher(String.valueOf(expression));
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return java.util.Optional.of(m.group(2).startsWith("minute") ? Duration.ofMinutes(n)
                : m.group(2).startsWith("hour") ? Duration.ofHours(n) : Duration.ofDays(n));
    }

    /** An EventBridge scheduled event, as Lambda receives it from a Schedule event source. */
    static com.amazonaws.services.lambda.runtime.events.ScheduledEvent scheduledEvent(String functionId) {
        var event = new com.amazonaws.services.lambda.runtime.events.ScheduledEvent();
        event.setId(java.util.UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(Emulators.ACCOUNT_ID);
        event.setRegion(Emulators.REGION);
        event.setTime(new org.joda.time.DateTime(org.joda.time.DateTimeZone.UTC));
        event.setResources(List.of("arn:aws:events:" + Emulators.REGION + ":" + Emulators.ACCOUNT_ID
                + ":rule/" + functionId + "-schedule"));
        event.setDetail(Map.of());
        return event;
    }

    /** Polls every source once, in the caller's thread: tests use it to drain deterministically. */
    void pollOnce() {
        s3Polls.forEach(Runnable::run);
        sqsPolls.forEach(Runnable::run);
    }

    private static Runnable guarded(Runnable poll) {
        return () -> {
            try {
                poll.run();
            } catch (RuntimeException e) {
                LOG.error("event source poll failed", e);
            }
        };
    }

    private Runnable sqsPoll(Template.Function fn, Template.Event event) {
        String queueId = queueLogicalId(event.properties().get("Queue"));
        String queueUrl = resources.queueUrl(queueId);
        String queueArn = resources.queueArn(queueId);
        int batchSize = Integer.parseInt(String.valueOf(event.properties().getOrDefault("BatchSize", 10)));
        boolean reportsFailures = String.valueOf(event.properties().get("FunctionResponseTypes"))
                .contains("ReportBatchItemFailures");
        return () -> {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(Math.min(10, batchSize)).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return;
            }
            SQSEvent sqsEvent = sqsEvent(messages, queueArn);
            Set<String> failed = new HashSet<>();
            try {
                Object result = functions.invoke(fn.logicalId(), sqsEvent);
                if (reportsFailures && result instanceof SQSBatchResponse response && response.getBatchItemFailures() != null) {
                    response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
                }
            } catch (RuntimeException e) {
                LOG.error("SQS batch failed as a whole", e, "function", fn.logicalId());
                messages.forEach(m -> failed.add(m.messageId()));
            }
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message m : messages) {
                if (failed.contains(m.messageId())) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout((int) retryDelay.toSeconds()));
                } else {
                    done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
                }
            }
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
            }
        };
    }

    /** The SQS event Lambda's event source mapping delivers for these received messages. */
    static SQSEvent sqsEvent(List<Message> messages, String queueArn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(Emulators.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private String queueLogicalId(Object queueRef) {
        if (queueRef instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
            Object att = m.get("Fn::GetAtt");
            return att instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(att).split("\\.")[0];
        }
        throw new IllegalArgumentException("An SQS event's Queue must be !GetAtt <Queue>.Arn, not " + queueRef);
    }

    private Runnable s3Poll(Template.Function fn, Template.Event event) {
        Object bucketRef = event.properties().get("Bucket");
        String bucketId = bucketRef instanceof Map<?, ?> m ? String.valueOf(m.get("Ref")) : String.valueOf(bucketRef);
        String bucket = resources.bucketName(bucketId);
        // What we have already announced: key -> etag. Objects present at start-up are announced
        // too, as they were created while nobody was listening (a --data-dir restart).
        Map<String, String> seen = new HashMap<>();
        return () -> {
            Map<String, S3Object> now = new HashMap<>();
            String token = null;
            do {
                String t = token;
                var page = s3.listObjectsV2(b -> b.bucket(bucket).continuationToken(t));
                page.contents().forEach(o -> now.put(o.key(), o));
                token = page.isTruncated() ? page.nextContinuationToken() : null;
            } while (token != null);
            seen.keySet().retainAll(now.keySet());
            List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
            for (S3Object listed : now.values()) {
                if (!version(listed).equals(seen.get(listed.key()))) {
                    // The event carries the ETag (from a HEAD where the listing has none); what is
                    // remembered is the listing's own version, which the next listing repeats.
                    S3Object o = withETag(bucket, listed);
                    if (o != null) {
                        records.add(record(bucket, o));
                    }
                }
            }
            for (S3EventNotification.S3EventNotificationRecord record : records) {
                // Lambda gets one record per event from S3 notifications.
                try {
                    functions.invoke(fn.logicalId(), new S3Event(List.of(record)));
                    String key = java.net.URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
                    seen.put(key, version(now.get(key)));
                } catch (RuntimeException e) {
                    // S3 retries an asynchronous invocation twice; locally we retry on the next poll.
                    LOG.error("S3 event failed", e, "function", fn.logicalId());
                }
            }
        };
    }

    /**
     * What tells one upload of a key from the next. S3Proxy's filesystem store (--data-dir) lists
     * objects without an ETag, so the listing's size and time stand in for it there.
     */
    private static String version(S3Object o) {
        return o.eTag() != null ? o.eTag() : o.size() + "@" + o.lastModified();
    }

    /** The object as listed, with its ETag from a HEAD where the listing had none; null if it is gone. */
    private S3Object withETag(String bucket, S3Object o) {
        if (o.eTag() != null) {
            return o;
        }
        try {
            String eTag = s3.headObject(b -> b.bucket(bucket).key(o.key())).eTag();
            return o.toBuilder().eTag(eTag != null ? eTag : Integer.toHexString(version(o).hashCode())).build();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException gone) {
            return null;
        }
    }

    private S3EventNotification.S3EventNotificationRecord record(String bucket, S3Object o) {
        String key = URLEncoder.encode(o.key(), StandardCharsets.UTF_8).replace("%2F", "/");
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity("local"), "arn:aws:s3:::" + bucket);
        var objectEntity = new S3EventNotification.S3ObjectEntity(key, o.size(), o.eTag().replace("\"", ""), null,
                String.format("%016X", sequencer.incrementAndGet()));
        var s3Entity = new S3EventNotification.S3Entity("motcua-local", bucketEntity, objectEntity, "1.0");
        return new S3EventNotification.S3EventNotificationRecord(Emulators.REGION, "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"),
                s3Entity, new S3EventNotification.UserIdentityEntity("local"));
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
