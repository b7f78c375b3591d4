package vn.motcua.intake.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import vn.motcua.application.Intake;
import vn.motcua.config.Config;
import vn.motcua.log.Log;
import vn.motcua.queue.IntakeQueue;
import vn.motcua.queue.SqsIntakeQueue;

/**
 * Every 5 minutes (EventBridge schedule): re-queues dossiers that were submitted but never
 * taken in, because the intake queue refused the message after the SUBMITTED write or intake
 * kept failing. The input (the scheduled event) is ignored.
 */
public final class IntakeRepairHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Intake intake;
    private final IntakeQueue queue;
    private final Duration after;

    public IntakeRepairHandler() {
        this(Config.fromEnvironment());
    }

    public IntakeRepairHandler(Config config) {
        this(IntakeHandler.wire(config, Clock.systemUTC()), config);
    }

    private IntakeRepairHandler(IntakeHandler.Wiring wiring, Config config) {
        this(wiring.intake(), new SqsIntakeQueue(wiring.sqs(), config.intakeQueueUrl()), config.intakeRepairAfter());
    }

    public IntakeRepairHandler(Intake intake, IntakeQueue queue, Duration after) {
        this.intake = intake;
        this.queue = queue;
        this.after = after;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Log.bindRequest(context == null ? null : context.getAwsRequestId());
        try {
            return Map.of("requeued", intake.repair(queue, after));
        } finally {
            Log.unbindRequest();
        }
    }
}
