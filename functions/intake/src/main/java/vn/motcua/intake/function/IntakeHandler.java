package vn.motcua.intake.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.application.Intake;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.json.Json;
import vn.motcua.notification.SqsNotifier;
import vn.motcua.queue.BatchProcessor;
import vn.motcua.queue.SqsEventJson;
import vn.motcua.queue.IntakeMessage;
import vn.motcua.snapstart.Primed;
import vn.motcua.snapstart.SnapStart;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.StatsRepository;

/**
 * Consumer of the intake queue: SUBMITTED → RECEIVED with the due date, then a notification.
 * A message that fails is reported alone (ReportBatchItemFailures) and, after 5 receives,
 * lands in the DLQ.
 */
public final class IntakeHandler implements RequestStreamHandler, Primed {

    private final Intake intake;
    private final BatchProcessor batch = new BatchProcessor(IntakeHandler.class);

    public IntakeHandler() {
        this(Config.fromEnvironment());
    }

    public IntakeHandler(Config config) {
        this(intake(config, config.clock()));
    }

    public IntakeHandler(Intake intake) {
        this.intake = intake;
        SnapStart.register(this);
    }

    /** Before a SnapStart snapshot: a message parsed, an empty batch answered, the catalogue loaded. */
    @Override
    public void prime() {
        parse("{\"trackingCode\":\"HN-7K3F-9QXA-M2P5-R8TK\"}");
        SnapStart.invoke(this, SqsEventJson.EMPTY_BATCH);
        intake.prime();
    }

    /** What Lambda calls: the SQS event's JSON in, the partial batch answer out ({@link SqsEventJson}). */
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        SqsEventJson.write(handleEvent(SqsEventJson.read(in), context), out);
    }

    /** The same batch in-process, already decoded (tests). */
    public SQSBatchResponse handleEvent(SQSEvent event, Context context) {
        return batch.process(event, context, message -> intake.receive(parse(message.getBody())));
    }

    static IntakeMessage parse(String body) {
        try {
            return Json.read(body == null ? "" : body, IntakeMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not an intake message: " + e.getOriginalMessage());
        }
    }

    /** Clients are built once, here, and live as long as the container (and its snapshot). */
    private static Intake intake(Config config, Clock clock) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        DynamoDbEnhancedClient enhanced = clients.enhanced(dynamoDb);
        SqsClient sqs = clients.sqs();
        Catalogue catalogue = new Catalogue(new CatalogueRepository(enhanced, config.catalogueTable()), clock,
                config.catalogueTtl());
        // Receipts are counted in the public KPIs in the same transaction as the RECEIVED write.
        return new Intake(new ApplicationRepository(dynamoDb, enhanced, config.applicationsTable(),
                new StatsRepository(dynamoDb, config.statsTable())), catalogue,
                new SqsNotifier(sqs, config.notificationsQueueUrl()), clock);
    }
}
