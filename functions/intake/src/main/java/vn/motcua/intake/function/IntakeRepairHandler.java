package vn.motcua.intake.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.application.IntakeRepair;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.json.Json;
import vn.motcua.log.Log;
import vn.motcua.queue.SqsIntakeQueue;
import vn.motcua.snapstart.Primed;
import vn.motcua.snapstart.SnapStart;
import vn.motcua.storage.ApplicationRepository;

/**
 * Every 5 minutes (EventBridge schedule): re-queues dossiers that were submitted but never
 * taken in, because the intake queue refused the message after the SUBMITTED write or intake
 * kept failing on it.
 */
public final class IntakeRepairHandler implements RequestStreamHandler, Primed {

    private final IntakeRepair repair;

    public IntakeRepairHandler() {
        this(Config.fromEnvironment());
    }

    public IntakeRepairHandler(Config config) {
        this(config, new AwsClients(config));
    }

    private IntakeRepairHandler(Config config, AwsClients clients) {
        this(repair(config, clients, clients.dynamoDb()));
    }

    public IntakeRepairHandler(IntakeRepair repair) {
        this.repair = repair;
        SnapStart.register(this);
    }

    /** Its own path is one query and a few sends: the SDK's priming ({@link Primed}) is all there is. */
    @Override
    public void prime() {
    }

    /** What Lambda calls: the schedule's event is not read (nothing in it is used); the summary out. */
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        Json.MAPPER.writeValue(out, handleEvent(null, context));
    }

    /** The same run in-process (tests). */
    public Map<String, Object> handleEvent(ScheduledEvent event, Context context) {
        Log.bindRequest(context == null ? null : context.getAwsRequestId());
        try {
            return Map.of("requeued", repair.run());
        } finally {
            Log.unbindRequest();
        }
    }

    private static IntakeRepair repair(Config config, AwsClients clients, DynamoDbClient dynamoDb) {
        return new IntakeRepair(new ApplicationRepository(dynamoDb, clients.enhanced(dynamoDb), config.applicationsTable()),
                new SqsIntakeQueue(clients.sqs(), config.intakeQueueUrl()), config.clock(), config.intakeRepairAfter());
    }
}
