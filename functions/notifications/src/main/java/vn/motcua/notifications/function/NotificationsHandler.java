package vn.motcua.notifications.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.json.Json;
import vn.motcua.notification.Notification;
import vn.motcua.notification.NotificationText;
import vn.motcua.queue.BatchProcessor;
import vn.motcua.queue.SqsEventJson;
import vn.motcua.snapstart.Primed;
import vn.motcua.snapstart.SnapStart;

/**
 * Consumer of the notifications queue: renders each notification in Vietnamese and sends it
 * once per dedupKey, however often SQS delivers it.
 */
public final class NotificationsHandler implements RequestStreamHandler, Primed {

    /** Longer than a message can live in the queue (4 days) plus its DLQ redrive. */
    static final Duration DEDUP_WINDOW = Duration.ofDays(14);

    private final Sender sender;
    private final Idempotency idempotency;
    private final BatchProcessor batch = new BatchProcessor(NotificationsHandler.class);

    public NotificationsHandler() {
        this(Config.fromEnvironment());
    }

    public NotificationsHandler(Config config) {
        this(config, new AwsClients(config), config.clock());
    }

    private NotificationsHandler(Config config, AwsClients clients, Clock clock) {
        this(new AwsSender(clients.ses(), clients.sns(), config.notificationEmailFrom()),
                new Idempotency(clients.enhanced(clients.dynamoDb()), config.idempotencyTable(), clock,
                        IdGenerator.secure()));
    }

    public NotificationsHandler(Sender sender, Idempotency idempotency) {
        this.sender = sender;
        this.idempotency = idempotency;
        SnapStart.register(this);
    }

    /** Before a SnapStart snapshot: a message parsed and its Vietnamese text rendered, an empty batch answered; nothing sent. */
    @Override
    public void prime() {
        NotificationText.render(parse("{\"kind\":\"APPLICATION_STATUS\",\"dedupKey\":\"prime\","
                + "\"trackingCode\":\"HN-7K3F-9QXA-M2P5-R8TK\",\"fullName\":\"Nguyễn Văn A\","
                + "\"details\":{\"status\":\"RECEIVED\",\"dueDate\":\"24/11/2026\"}}"));
        SnapStart.invoke(this, SqsEventJson.EMPTY_BATCH);
    }

    /** What Lambda calls: the SQS event's JSON in, the partial batch answer out ({@link SqsEventJson}). */
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        SqsEventJson.write(handleEvent(SqsEventJson.read(in), context), out);
    }

    /** The same batch in-process, already decoded (tests). */
    public SQSBatchResponse handleEvent(SQSEvent event, Context context) {
        return batch.process(event, context, message -> {
            Notification n = parse(message.getBody());
            idempotency.once("notification", n.dedupKey(), DEDUP_WINDOW,
                    () -> sender.send(n, NotificationText.render(n)));
        });
    }

    static Notification parse(String body) {
        try {
            Notification n = Json.read(body == null ? "" : body, Notification.class);
            if (n == null || n.dedupKey() == null || n.dedupKey().isBlank() || n.kind() == null) {
                throw new IllegalArgumentException("A notification needs a kind and a dedupKey");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a notification: " + e.getOriginalMessage());
        }
    }
}
